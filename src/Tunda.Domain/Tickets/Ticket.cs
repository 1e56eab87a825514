namespace Tunda.Domain.Tickets;

/// <summary>The Ticket stream folded: what the rules need and what every ticket screen shows about it.</summary>
public sealed record Ticket
{
    public static Ticket Empty { get; } = new();

    public Guid Id { get; init; }

    public bool Exists { get; init; }

    public string Number { get; init; } = string.Empty;

    /// <summary>Null while a mailed ticket waits for verification, and for ever when it is rejected.</summary>
    public Guid? CustomerId { get; init; }

    public string Department { get; init; } = string.Empty;

    public string Subject { get; init; } = string.Empty;

    public TicketPriority Priority { get; init; } = TicketPriority.Normal;

    public TicketStatus Status { get; init; }

    public TicketChannel Channel { get; init; }

    public TicketRelation? Related { get; init; }

    public TicketAuthor? Requester { get; init; }

    public Guid? AssigneeId { get; init; }

    public string? AssigneeName { get; init; }

    public string? HeldReason { get; init; }

    /// <summary>Normalised addresses that wrote on the ticket or were answered on it: who may follow up by mail.</summary>
    public IReadOnlyList<string> Participants { get; init; } = [];

    /// <summary>Addresses whose mail from this ticket bounced.</summary>
    public IReadOnlyList<string> FailingAddresses { get; init; } = [];

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset LastActivityAt { get; init; }

    /// <summary>When the customer's oldest unanswered message arrived: how long staff have kept them waiting.</summary>
    public DateTimeOffset? WaitingSince { get; init; }

    public DateTimeOffset? FirstStaffReplyAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public int PostCount { get; init; }

    /// <summary>Set once this ticket was merged into another: everything goes on there.</summary>
    public Guid? MergedInto { get; init; }

    public string? MergedIntoNumber { get; init; }

    public bool IsClosed => Status is TicketStatus.Closed or TicketStatus.Rejected;

    public bool IsHeld => Status == TicketStatus.Held;

    public bool IsParticipant(string? address) => address is not null && Participants.Contains(address.Trim().ToLowerInvariant());

    public Ticket Evolve(object @event) => @event switch
    {
        TicketOpened e => this with
        {
            Id = e.TicketId, Exists = true, Number = e.Number, CustomerId = e.CustomerId, Department = e.Department, Subject = e.Subject,
            Priority = e.Priority, Status = TicketStatus.Open, Channel = e.Channel, Related = e.Related, Requester = e.Requester,
            OpenedAt = e.At, LastActivityAt = e.At, Participants = With(Participants, e.Requester.Address),
        },
        CustomerWrote e => Posted(e.At) with
        {
            Status = Status is TicketStatus.Held or TicketStatus.Rejected ? Status : TicketStatus.AwaitingStaff,
            WaitingSince = WaitingSince ?? e.At,
            Participants = With(Participants, e.Post.Author.Address),
            FailingAddresses = Without(FailingAddresses, e.Post.Author.Address),
        },
        StaffReplied e => Posted(e.At) with
        {
            Status = TicketStatus.AwaitingCustomer, WaitingSince = null, FirstStaffReplyAt = FirstStaffReplyAt ?? e.At, ClosedAt = null,
        },
        InternalNoteAdded e => Posted(e.At),
        AutomaticReplyAppended e => Posted(e.At),
        TicketClosed e => this with { Status = TicketStatus.Closed, ClosedAt = e.At, WaitingSince = null, LastActivityAt = e.At },
        TicketReopened e => this with { Status = TicketStatus.AwaitingStaff, ClosedAt = null, WaitingSince = e.By.IsStaff ? null : e.At, LastActivityAt = e.At },
        TicketStatusChanged e => this with
        {
            Status = e.Status, LastActivityAt = e.At,
            WaitingSince = e.Status == TicketStatus.AwaitingStaff ? WaitingSince ?? e.At : null,
        },
        TicketAssigned e => this with { AssigneeId = e.StaffId, AssigneeName = e.StaffName },
        TicketUnassigned => this with { AssigneeId = null, AssigneeName = null },
        TicketDepartmentChanged e => this with { Department = e.Department },
        TicketPriorityChanged e => this with { Priority = e.Priority },
        TicketHeldForVerification e => this with { Status = TicketStatus.Held, HeldReason = e.Reason },
        TicketSenderVerified e => this with { CustomerId = e.CustomerId, Status = TicketStatus.AwaitingStaff, HeldReason = null, LastActivityAt = e.At },
        TicketRejected e => this with { Status = TicketStatus.Rejected, ClosedAt = e.At, WaitingSince = null, LastActivityAt = e.At },
        TicketDeliveryFailed e => this with { FailingAddresses = With(FailingAddresses, e.Address) },
        TicketMergedInto e => this with { Status = TicketStatus.Closed, ClosedAt = e.At, WaitingSince = null, LastActivityAt = e.At, MergedInto = e.TargetId, MergedIntoNumber = e.TargetNumber },
        TicketMergedFrom e => this with
        {
            PostCount = PostCount + e.Messages.Count,
            Participants = e.Participants.Aggregate(Participants, With),
            LastActivityAt = e.At,
        },
        _ => this,
    };

    public static Ticket Evolve(Ticket state, object @event) => state.Evolve(@event);

    private Ticket Posted(DateTimeOffset at) => this with { LastActivityAt = at, PostCount = PostCount + 1 };

    private static IReadOnlyList<string> With(IReadOnlyList<string> addresses, string? address) =>
        address is null || addresses.Contains(address.Trim().ToLowerInvariant()) ? addresses : [.. addresses, address.Trim().ToLowerInvariant()];

    private static IReadOnlyList<string> Without(IReadOnlyList<string> addresses, string? address) =>
        address is null ? addresses : [.. addresses.Where(a => a != address.Trim().ToLowerInvariant())];
}
