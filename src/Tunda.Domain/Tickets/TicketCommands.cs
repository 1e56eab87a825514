namespace Tunda.Domain.Tickets;

/// <summary>A customer opens a ticket from the customer area (or staff open one for a customer).</summary>
public sealed record OpenTicket(
    Guid TicketId,
    string Number,
    Guid CustomerId,
    string Department,
    string Subject,
    TicketPriority Priority,
    TicketRelation? Related,
    TicketPost FirstPost);

/// <summary>
/// A received mail that is not a follow-up opens a ticket. With <see cref="HeldReason"/> (the sender is
/// not verified) it is held and attached to nobody, whatever <see cref="CustomerId"/> suggests.
/// </summary>
public sealed record OpenTicketFromMail(
    Guid TicketId,
    string Number,
    Guid? CustomerId,
    string Department,
    string Subject,
    TicketPost FirstPost,
    string? HeldReason)
{
    /// <summary>E-mail, or Portal for a form whose writer is not signed in (the username-recovery request), judged the same way.</summary>
    public TicketChannel Channel { get; init; } = TicketChannel.Email;
}

/// <summary>
/// The customer writes again. On a closed ticket it reopens it when <see cref="ReopenWithin"/> has not
/// passed since the closing; otherwise it is refused (a new ticket is the way).
/// </summary>
public sealed record AddCustomerPost(Guid TicketId, TicketPost Post, TimeSpan ReopenWithin);

public sealed record ReplyAsStaff(Guid TicketId, TicketPost Post);

public sealed record AddInternalNote(Guid TicketId, TicketPost Post);

/// <summary>An auto-reply or out-of-office answer to one of our mails: kept, never answered, never reopening.</summary>
public sealed record AppendAutomaticReply(Guid TicketId, TicketPost Post, string Kind);

public sealed record CloseTicket(Guid TicketId, TicketAuthor By);

/// <summary>Staff reopen at any time; a customer within <see cref="ReopenWithin"/> of the closing.</summary>
public sealed record ReopenTicket(Guid TicketId, TicketAuthor By, TimeSpan ReopenWithin);

public sealed record ChangeTicketStatus(Guid TicketId, TicketStatus Status, TicketAuthor By);

/// <summary>Assigns to <see cref="StaffId"/>, or unassigns when it is null.</summary>
public sealed record AssignTicket(Guid TicketId, Guid? StaffId, string? StaffName, TicketAuthor By);

public sealed record ChangeTicketDepartment(Guid TicketId, string Department, TicketAuthor By);

public sealed record ChangeTicketPriority(Guid TicketId, TicketPriority Priority, TicketAuthor By);

public sealed record VerifyTicketSender(Guid TicketId, Guid CustomerId, string Note, bool AddAddressAsContact, TicketAuthor By);

public sealed record RejectHeldTicket(Guid TicketId, string Reason, string Note, TicketAuthor By);

public sealed record RecordDeliveryFailure(Guid TicketId, string Address, string Reason, Guid? MailId);

/// <summary>Staff merge <paramref name="Source"/> into <paramref name="Target"/> (two tickets of one customer, the same request twice).</summary>
public sealed record MergeTickets(Ticket Source, IReadOnlyList<MergedMessage> SourceMessages, Ticket Target, TicketAuthor By);
