using Marten;
using Tunda.Domain;
using Tunda.Domain.Tickets;
using Tunda.Projections.Tickets;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Links;
using Wolverine;

namespace Tunda.Web.Features.Tickets;

/// <summary>
/// The agents' ticket use cases: public reply (mailed to the ticket's participants), internal note,
/// handling changes, close and reopen. A reply on a ticket that changed since the agent read it is
/// refused with <see cref="ChangedMeanwhile"/> until the agent confirms, so no one answers blind.
/// </summary>
public static class StaffTicketHandler
{
    public static DomainError ChangedMeanwhile { get; } = new("ticket.changed_meanwhile", "The ticket changed since you opened it: read what is new, then confirm your reply.");

    public static Task<InvokeResult> Handle(PostAsStaff command, IDocumentSession session, IMessageContext bus, UnitOfWork work, TicketAttachments attachments, HelpdeskOptions options, PublicUrls urls, CancellationToken ct) =>
        work.RunAsync(session, bus, async context =>
        {
            if (await TicketAuthors.StaffAsync(context.Session, command.StaffId, ct) is not { } author)
            {
                return TicketAuthors.NotAllowed;
            }

            var thread = await context.Session.LoadAsync<TicketThread>(command.TicketId, ct);
            if (!command.Confirmed && command.SeenRevision is { } seen && thread is not null && thread.Revision != seen)
            {
                return ChangedMeanwhile;
            }

            var refused = attachments.Check(command.Attachments);
            var stored = refused.Count == 0 ? await attachments.StoreAsync(context, command.TicketId, command.Attachments, ct) : [];
            var post = new TicketPost(Guid.CreateVersion7(), author, command.Text) { Attachments = stored };
            object decide = command.Internal ? new AddInternalNote(command.TicketId, post) : new ReplyAsStaff(command.TicketId, post);
            var decision = await StreamSteps.DecideAsync(context, command.TicketId, Ticket.Empty, state => TicketRules.Decide(state, decide, context.Now), ct);
            if (!decision.IsAccepted || refused.Count > 0)
            {
                return Decision.Reject([.. decision.Errors, .. refused]);
            }

            if (!command.Internal && thread is not null)
            {
                foreach (var mail in await TicketMails.StaffReplyAsync(context.Session, thread, post, options, urls, ct))
                {
                    context.Publish(mail);
                }
            }

            return decision;
        }, ct);

    public static Task<InvokeResult> Handle(ChangeTicketHandling command, IDocumentSession session, IMessageContext bus, UnitOfWork work, HelpdeskOptions options, CancellationToken ct) =>
        work.RunAsync(session, bus, async context =>
        {
            if (await TicketAuthors.StaffAsync(context.Session, command.StaffId, ct) is not { } author)
            {
                return TicketAuthors.NotAllowed;
            }

            if (command.Department is { } department && options.Find(department) is null)
            {
                return TicketErrors.DepartmentRequired;
            }

            var assignee = command.AssigneeId is { } assigneeId ? await TicketAuthors.StaffAsync(context.Session, assigneeId, ct) : null;
            if (command.AssigneeId is not null && assignee is null)
            {
                return new DomainError("ticket.unknown_assignee", "The assignee is not an active staff member.", "assignee");
            }

            var changes = new List<object>();
            if (command.Status is { } status)
            {
                changes.Add(new ChangeTicketStatus(command.TicketId, status, author));
            }

            if (command.Department is not null)
            {
                changes.Add(new ChangeTicketDepartment(command.TicketId, command.Department, author));
            }

            if (command.Priority is { } priority)
            {
                changes.Add(new ChangeTicketPriority(command.TicketId, priority, author));
            }

            if (assignee is not null || command.Unassign)
            {
                changes.Add(new AssignTicket(command.TicketId, command.Unassign ? null : command.AssigneeId, assignee?.Name, author));
            }

            return await StreamSteps.DecideAsync(context, command.TicketId, Ticket.Empty, state => Decision.Chain(state, Ticket.Evolve, changes.Select(c => (Func<Ticket, Decision>)(s => TicketRules.Decide(s, c, context.Now)))), ct);
        }, ct);

    public static Task<InvokeResult> Handle(CloseAsStaff command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => AsStaffAsync(context, command.TicketId, command.StaffId, author => new CloseTicket(command.TicketId, author), ct), ct);

    public static Task<InvokeResult> Handle(ReopenAsStaff command, IDocumentSession session, IMessageContext bus, UnitOfWork work, HelpdeskOptions options, CancellationToken ct) =>
        work.RunAsync(session, bus, context => AsStaffAsync(context, command.TicketId, command.StaffId, author => new ReopenTicket(command.TicketId, author, options.ReopenWithin), ct), ct);

    private static async Task<object?> AsStaffAsync(CommandContext context, Guid ticketId, Guid staffId, Func<TicketAuthor, object> command, CancellationToken ct) =>
        await TicketAuthors.StaffAsync(context.Session, staffId, ct) is { } author
            ? await StreamSteps.DecideAsync(context, ticketId, Ticket.Empty, state => TicketRules.Decide(state, command(author), context.Now), ct)
            : TicketAuthors.NotAllowed;
}
