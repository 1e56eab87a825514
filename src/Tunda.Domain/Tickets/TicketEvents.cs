namespace Tunda.Domain.Tickets;

/// <summary>
/// A ticket came to be. <see cref="CustomerId"/> is null for mail from a sender not yet verified; the
/// first message follows as a <see cref="CustomerWrote"/> in the same append.
/// </summary>
public sealed record TicketOpened(
    Guid TicketId,
    string Number,
    Guid? CustomerId,
    string Department,
    string Subject,
    TicketPriority Priority,
    TicketChannel Channel,
    TicketRelation? Related,
    TicketAuthor Requester,
    DateTimeOffset At);

/// <summary>The customer (or the mail's sender) wrote: the ticket now waits for staff.</summary>
public sealed record CustomerWrote(Guid TicketId, TicketPost Post, DateTimeOffset At);

/// <summary>Staff answered publicly: the ticket now waits for the customer.</summary>
public sealed record StaffReplied(Guid TicketId, TicketPost Post, DateTimeOffset At);

/// <summary>A note for staff only; never shown to the customer, never mailed.</summary>
public sealed record InternalNoteAdded(Guid TicketId, TicketPost Post, DateTimeOffset At);

/// <summary>An auto-reply or out-of-office answer, kept on the ticket; it changes no status and is never answered.</summary>
public sealed record AutomaticReplyAppended(Guid TicketId, TicketPost Post, string Kind, DateTimeOffset At);

public sealed record TicketClosed(Guid TicketId, TicketAuthor By, DateTimeOffset At);

public sealed record TicketReopened(Guid TicketId, TicketAuthor By, DateTimeOffset At);

/// <summary>Staff set the status by hand (open, awaiting customer, awaiting staff).</summary>
public sealed record TicketStatusChanged(Guid TicketId, TicketStatus Status, TicketAuthor By, DateTimeOffset At);

public sealed record TicketAssigned(Guid TicketId, Guid StaffId, string StaffName, TicketAuthor By, DateTimeOffset At);

public sealed record TicketUnassigned(Guid TicketId, TicketAuthor By, DateTimeOffset At);

public sealed record TicketDepartmentChanged(Guid TicketId, string Department, TicketAuthor By, DateTimeOffset At);

public sealed record TicketPriorityChanged(Guid TicketId, TicketPriority Priority, TicketAuthor By, DateTimeOffset At);

/// <summary>Mailed by a sender that is not a verified contact of exactly one customer: only staff see it until they decide.</summary>
public sealed record TicketHeldForVerification(Guid TicketId, string Reason, DateTimeOffset At);

/// <summary>Staff checked that the sender really is the customer, and said how.</summary>
public sealed record TicketSenderVerified(Guid TicketId, Guid CustomerId, string Note, bool AddressAddedAsContact, TicketAuthor By, DateTimeOffset At);

/// <summary>Staff judged a held ticket spam or impersonation: it stays for the record, attached to nobody.</summary>
public sealed record TicketRejected(Guid TicketId, string Reason, string Note, TicketAuthor By, DateTimeOffset At);

/// <summary>A mail of this ticket bounced: the address is failing until it receives mail again.</summary>
public sealed record TicketDeliveryFailed(Guid TicketId, string Address, string Reason, Guid? MailId, DateTimeOffset At);

/// <summary>This ticket was merged into another of the same customer: it is closed and its conversation continues there.</summary>
public sealed record TicketMergedInto(Guid TicketId, Guid TargetId, string TargetNumber, TicketAuthor By, DateTimeOffset At);

/// <summary>Another ticket of the same customer was merged into this one: its messages and participants join this thread.</summary>
public sealed record TicketMergedFrom(Guid TicketId, Guid SourceId, string SourceNumber, IReadOnlyList<MergedMessage> Messages, IReadOnlyList<string> Participants, TicketAuthor By, DateTimeOffset At);

/// <summary>A message of a merged ticket as it was: its kind ("customer", "staff", "note", "automatic"), the message, when.</summary>
public sealed record MergedMessage(string Kind, TicketPost Post, DateTimeOffset WrittenAt);
