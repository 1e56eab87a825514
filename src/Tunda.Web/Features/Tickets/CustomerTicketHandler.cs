using System.Security.Cryptography;
using Marten;
using Tunda.Domain;
using Tunda.Domain.Tickets;
using Tunda.Projections;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Links;
using Wolverine;

namespace Tunda.Web.Features.Tickets;

/// <summary>
/// The customer's ticket use cases: open (with attachments, stored in the same transaction, and the
/// acknowledgement mail sent only if it commits), reply, close, reopen. The writer is checked again
/// here: a contact that lost the tickets permission cannot write, whatever page it still has open.
/// </summary>
public static class CustomerTicketHandler
{
    public static Task<InvokeResult> Handle(OpenCustomerTicket command, IDocumentSession session, IMessageContext bus, UnitOfWork work, HelpdeskOptions options, TicketAttachments attachments, PublicUrls urls, CancellationToken ct) =>
        work.RunAsync(session, bus, async context =>
        {
            if (await TicketAuthors.CustomerAsync(context.Session, command.AccessId, command.CustomerId, ct) is not { } author)
            {
                return TicketAuthors.NotAllowed;
            }

            var refused = attachments.Check(command.Attachments);
            var stored = refused.Count == 0 ? await attachments.StoreAsync(context, command.TicketId, command.Attachments, ct) : [];
            var number = TicketNumber.From(RandomNumberGenerator.GetBytes(TicketNumber.Length));
            var department = options.Find(command.Department)?.Key ?? string.Empty;
            var open = new OpenTicket(command.TicketId, number, command.CustomerId, department, command.Subject, TicketPriority.Normal, command.Related,
                new TicketPost(Guid.CreateVersion7(), author, command.Text) { Attachments = stored });
            var decision = await StreamSteps.DecideAsync(context, command.TicketId, Ticket.Empty, state => TicketDecider.Decide(state, open, context.Now), ct);
            if (!decision.IsAccepted || refused.Count > 0)
            {
                return Decision.Reject([.. decision.Errors, .. refused]);
            }

            var opened = decision.Events.OfType<TicketOpened>().Single();
            var profile = await CustomerProfiles.FindAsync(context.Session, command.CustomerId, ct);
            context.Publish(TicketMails.Acknowledgement(opened, author, options, profile?.Language, urls));
            return new TicketCreated(command.TicketId, number);
        }, ct);

    public static Task<InvokeResult> Handle(ReplyAsCustomer command, IDocumentSession session, IMessageContext bus, UnitOfWork work, HelpdeskOptions options, TicketAttachments attachments, PublicUrls urls, CancellationToken ct) =>
        work.RunAsync(session, bus, async context =>
        {
            if (await TicketAuthors.CustomerOfTicketAsync(context.Session, command.TicketId, command.AccessId, ct) is not { } author)
            {
                return TicketAuthors.NotAllowed;
            }

            var refused = attachments.Check(command.Attachments);
            var stored = refused.Count == 0 ? await attachments.StoreAsync(context, command.TicketId, command.Attachments, ct) : [];
            var post = new TicketPost(Guid.CreateVersion7(), author, command.Text) { Attachments = stored };
            var before = Ticket.Empty;
            var decision = await StreamSteps.DecideAsync(context, command.TicketId, Ticket.Empty,
                state => TicketDecider.Decide(before = state, new AddCustomerPost(command.TicketId, post, options.ReopenWithin), context.Now), ct);
            if (!decision.IsAccepted || refused.Count > 0)
            {
                return Decision.Reject([.. decision.Errors, .. refused]);
            }

            context.Publish(await TicketMails.CustomerReplyAsync(context.Session, before, post, options, urls, ct));
            return decision;
        }, ct);

    public static Task<InvokeResult> Handle(CloseAsCustomer command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, context => AsCustomerAsync(context, command.TicketId, command.AccessId, author => new CloseTicket(command.TicketId, author), ct), ct);

    public static Task<InvokeResult> Handle(ReopenAsCustomer command, IDocumentSession session, IMessageContext bus, UnitOfWork work, HelpdeskOptions options, CancellationToken ct) =>
        work.RunAsync(session, bus, context => AsCustomerAsync(context, command.TicketId, command.AccessId, author => new ReopenTicket(command.TicketId, author, options.ReopenWithin), ct), ct);

    private static async Task<object?> AsCustomerAsync(CommandContext context, Guid ticketId, Guid accessId, Func<TicketAuthor, object> command, CancellationToken ct)
    {
        if (await TicketAuthors.CustomerOfTicketAsync(context.Session, ticketId, accessId, ct) is not { } author)
        {
            return TicketAuthors.NotAllowed;
        }

        return await StreamSteps.DecideAsync(context, ticketId, Ticket.Empty, state => TicketRules.Decide(state, command(author), context.Now), ct);
    }
}
