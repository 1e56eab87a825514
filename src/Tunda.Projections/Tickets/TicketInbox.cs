using JasperFx.Events;
using Marten.Events.Aggregation;
using JasperFx;
using Tunda.Domain.Tickets;

namespace Tunda.Projections.Tickets;

/// <summary>
/// One row per ticket for lists: the staff inbox and queue counts, the customer's ticket list and the
/// dashboard count. Built by the daemon from the domain's own fold; the flat fields are what lists
/// filter and sort on (indexed columns).
/// </summary>
public sealed record TicketInboxRow
{
    [Identity]
    public Guid TicketId { get; init; }

    public string Number { get; init; } = string.Empty;

    public Guid? CustomerId { get; init; }

    public string Department { get; init; } = string.Empty;

    public string Subject { get; init; } = string.Empty;

    public TicketStatus Status { get; init; }

    public TicketPriority Priority { get; init; }

    public TicketChannel Channel { get; init; }

    public Guid? AssigneeId { get; init; }

    public string? AssigneeName { get; init; }

    public string RequesterName { get; init; } = string.Empty;

    public string? RequesterAddress { get; init; }

    public string? HeldReason { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset LastActivityAt { get; init; }

    /// <summary>Set while the ticket waits for staff; the inbox sorts the longest wait first. Indexed columns hold UTC.</summary>
    public DateTimeOffset? WaitingSince { get; init; }

    public DateTimeOffset? FirstStaffReplyAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public int PostCount { get; init; }

    /// <summary>The folded state the row was made from (the projection evolves it, never a second implementation).</summary>
    public Ticket State { get; init; } = Ticket.Empty;

    public static TicketInboxRow Of(Ticket state) => new()
    {
        TicketId = state.Id,
        Number = state.Number,
        CustomerId = state.CustomerId,
        Department = state.Department,
        Subject = state.Subject,
        Status = state.Status,
        Priority = state.Priority,
        Channel = state.Channel,
        AssigneeId = state.AssigneeId,
        AssigneeName = state.AssigneeName,
        RequesterName = state.Requester?.Name ?? string.Empty,
        RequesterAddress = state.Requester?.Address,
        HeldReason = state.HeldReason,
        OpenedAt = state.OpenedAt.ToUniversalTime(),
        LastActivityAt = state.LastActivityAt.ToUniversalTime(),
        WaitingSince = state.WaitingSince?.ToUniversalTime(),
        FirstStaffReplyAt = state.FirstStaffReplyAt,
        ClosedAt = state.ClosedAt,
        PostCount = state.PostCount,
        State = state,
    };
}

public sealed class TicketInboxProjection : SingleStreamProjection<TicketInboxRow, Guid>
{
    public TicketInboxProjection()
    {
        foreach (var type in TicketEventTypes.All)
        {
            IncludeType(type);
        }
    }

    public override TicketInboxRow? Evolve(TicketInboxRow? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var state = Ticket.Evolve(snapshot?.State ?? Ticket.Empty, e.Data);
        return state.Exists ? TicketInboxRow.Of(state) : null;
    }
}
