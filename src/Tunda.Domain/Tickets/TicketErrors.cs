namespace Tunda.Domain.Tickets;

/// <summary>The rules a ticket command can break, with stable codes (texts in Web).</summary>
public static class TicketErrors
{
    public const int MaxSubjectLength = 150;
    public const int MaxTextLength = 20_000;
    public const int MaxNoteLength = 2_000;

    public static DomainError NotFound { get; } = new("ticket.not_found", "The ticket does not exist.");

    public static DomainError AlreadyExists { get; } = new("ticket.already_exists", "The ticket already exists.");

    public static DomainError SubjectRequired { get; } = new("ticket.subject_required", $"A subject is required (at most {MaxSubjectLength} characters).", "subject") { Values = [MaxSubjectLength] };

    public static DomainError TextRequired { get; } = new("ticket.text_required", $"A message is required (at most {MaxTextLength} characters).", "text") { Values = [MaxTextLength] };

    public static DomainError DepartmentRequired { get; } = new("ticket.department_required", "A department is required.", "department");

    public static DomainError Closed { get; } = new("ticket.closed", "The ticket is closed.");

    public static DomainError ReopenExpired { get; } = new("ticket.reopen_expired", "The ticket was closed too long ago to reopen it: open a new one.");

    public static DomainError NotClosed { get; } = new("ticket.not_closed", "The ticket is not closed.");

    public static DomainError Held { get; } = new("ticket.held", "The ticket waits for its sender to be verified.");

    public static DomainError NotHeld { get; } = new("ticket.not_held", "The ticket is not waiting for verification.");

    public static DomainError NoteRequired { get; } = new("ticket.note_required", $"Say how the sender was checked (at most {MaxNoteLength} characters).", "note") { Values = [MaxNoteLength] };

    public static DomainError InvalidStatus { get; } = new("ticket.invalid_status", "That status cannot be set by hand.", "status");

    public static DomainError MergeRefused { get; } = new("ticket.merge_refused", "Only two different open tickets of the same customer can be merged.", "target");

    public static DomainError InvalidNumber { get; } = new("ticket.invalid_number", "The ticket number is not valid.");
}
