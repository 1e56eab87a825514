using JasperFx.Events;
using Marten.Events.Aggregation;
using JasperFx;
using Tunda.Domain.Tickets;

namespace Tunda.Projections.Tickets;

/// <summary>What happened on a ticket, in order, as the thread shows it.</summary>
/// <param name="Kind">"customer", "staff", "note", "automatic" for messages; "change" for everything else.</param>
/// <param name="Change">The event's stored name for a change ("ticket_closed"), with <see cref="Detail"/> (the new value, a reason).</param>
public sealed record ThreadEntry(string Kind, DateTimeOffset At, TicketAuthor? By, TicketPost? Post, string? Change = null, string? Detail = null)
{
    /// <summary>What the customer may see: public messages and the closing and reopening of the ticket.</summary>
    public bool IsPublic => Kind is "customer" or "staff" || Change is "ticket_closed" or "ticket_reopened" or "ticket_merged_into" or "ticket_merged_from";
}

/// <summary>
/// One ticket with its whole thread, inline so the customer and the agent read their own writes. The
/// state is the domain's own <see cref="Ticket"/> folded by its Evolve.
/// </summary>
public sealed record TicketThread
{
    [Identity]
    public Guid TicketId { get; init; }

    public Ticket State { get; init; } = Ticket.Empty;

    /// <summary>Kept beside the state for the unique index and the lookups by number.</summary>
    public string Number { get; init; } = string.Empty;

    public Guid? CustomerId { get; init; }

    public IReadOnlyList<ThreadEntry> Entries { get; init; } = [];

    /// <summary>Subject and every message's text, for staff's full-text search (Italian and English indexes).</summary>
    public string SearchText { get; init; } = string.Empty;

    /// <summary>The stream's version (every ticket event passes here): an agent's reply names the version it read, so a change made meanwhile is not overwritten unseen.</summary>
    public long Revision { get; init; }

    public TicketAttachment? Attachment(Guid attachmentId, bool staff) =>
        Entries.Where(e => staff || e.IsPublic).SelectMany(e => e.Post?.Attachments ?? []).FirstOrDefault(a => a.Id == attachmentId);
}

public sealed class TicketThreadProjection : SingleStreamProjection<TicketThread, Guid>
{
    public TicketThreadProjection()
    {
        foreach (var type in TicketEventTypes.All)
        {
            IncludeType(type);
        }
    }

    public override TicketThread? Evolve(TicketThread? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var thread = snapshot ?? new TicketThread { TicketId = id };
        var state = Ticket.Evolve(thread.State, e.Data);
        var entry = TicketEventTypes.EntryFor(e.Data, e.EventTypeName);
        ThreadEntry[] added = entry is null ? [] : [entry, .. TicketEventTypes.MergedEntries(e.Data)];
        var texts = added.Select(a => a.Post?.Text).OfType<string>().ToList();
        return thread with
        {
            State = state,
            Number = state.Number,
            CustomerId = state.CustomerId,
            // Counted, not read from the event: quick append hands inline projections no version.
            Revision = thread.Revision + 1,
            Entries = added.Length == 0 ? thread.Entries : [.. thread.Entries, .. added],
            SearchText = string.Join('\n', [thread.SearchText.Length == 0 ? state.Subject : thread.SearchText, .. texts]),
        };
    }
}
