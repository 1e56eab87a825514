using Marten;
using Tunda.Domain;
using Tunda.Domain.Tickets;
using Tunda.Projections.Tickets;
using Tunda.Web.Platform.Commands;
using Wolverine;

namespace Tunda.Web.Features.Tickets;

/// <summary>An agent merges one ticket into another of the same customer (named by its number).</summary>
public sealed record MergeTicket(Guid SourceTicketId, string TargetNumber, Guid StaffId);

/// <summary>
/// Both streams change in one unit of work: the source closes pointing at the target, the target
/// takes the source's messages (each with its kind and time) and participants, so follow-ups by mail
/// to either reach the one conversation.
/// </summary>
public static class MergeHandler
{
    public static Task<InvokeResult> Handle(MergeTicket command, IDocumentSession session, IMessageContext bus, UnitOfWork work, CancellationToken ct) =>
        work.RunAsync(session, bus, async context =>
        {
            if (await TicketAuthors.StaffAsync(context.Session, command.StaffId, ct) is not { } author)
            {
                return TicketAuthors.NotAllowed;
            }

            var sourceThread = await context.Session.LoadAsync<TicketThread>(command.SourceTicketId, ct);
            var targetThread = TicketNumber.Parse(command.TargetNumber) is { } number ? await TicketQueries.ThreadAsync(context.Session, number, ct) : null;
            if (sourceThread is null || targetThread is null)
            {
                return TicketErrors.MergeRefused;
            }

            var source = await context.Session.Events.FetchForWriting<Ticket>(sourceThread.TicketId, ct);
            var target = await context.Session.Events.FetchForWriting<Ticket>(targetThread.TicketId, ct);
            var messages = sourceThread.Entries.Where(e => e.Post is not null).Select(e => new MergedMessage(e.Kind, e.Post!, e.At)).ToList();
            var (fromSource, toTarget) = TicketDecider.Decide(new MergeTickets(source.Aggregate ?? Ticket.Empty, messages, target.Aggregate ?? Ticket.Empty, author), context.Now);
            if (!fromSource.IsAccepted)
            {
                return fromSource;
            }

            source.AppendMany([.. fromSource.Events]);
            target.AppendMany([.. toTarget.Events]);
            return new TicketCreated(targetThread.TicketId, targetThread.Number);
        }, ct);
}
