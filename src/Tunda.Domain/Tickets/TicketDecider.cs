namespace Tunda.Domain.Tickets;

/// <summary>
/// Decides the Ticket commands (stream type "ticket"). Mail is never refused for its content: a
/// message that reached us is kept, so only portal input is checked for subject and text.
/// </summary>
public static class TicketDecider
{
    public const string StreamType = "ticket";

    public static Decision Decide(Ticket state, OpenTicket command, DateTimeOffset now)
    {
        if (state.Exists)
        {
            return TicketErrors.AlreadyExists;
        }

        var errors = new List<DomainError>();
        var subject = command.Subject?.Trim() ?? string.Empty;
        if (subject.Length is 0 or > TicketErrors.MaxSubjectLength)
        {
            errors.Add(TicketErrors.SubjectRequired);
        }

        if (string.IsNullOrWhiteSpace(command.Department))
        {
            errors.Add(TicketErrors.DepartmentRequired);
        }

        if (!HasText(command.FirstPost))
        {
            errors.Add(TicketErrors.TextRequired);
        }

        if (TicketNumber.Parse(command.Number) != command.Number)
        {
            errors.Add(TicketErrors.InvalidNumber);
        }

        return errors.Count > 0
            ? Decision.Reject(errors)
            : Decision.Accept(
                new TicketOpened(command.TicketId, command.Number, command.CustomerId, command.Department, subject, command.Priority, TicketChannel.Portal, command.Related, command.FirstPost.Author, now),
                new CustomerWrote(command.TicketId, Trimmed(command.FirstPost), now));
    }

    public static Decision Decide(Ticket state, OpenTicketFromMail command, DateTimeOffset now)
    {
        if (state.Exists)
        {
            return TicketErrors.AlreadyExists;
        }

        if (TicketNumber.Parse(command.Number) != command.Number)
        {
            return TicketErrors.InvalidNumber;
        }

        var held = command.HeldReason is not null;
        var subject = command.Subject.Trim();
        var opened = new TicketOpened(
            command.TicketId, command.Number, held ? null : command.CustomerId, command.Department,
            subject.Length > TicketErrors.MaxSubjectLength ? subject[..TicketErrors.MaxSubjectLength] : subject,
            TicketPriority.Normal, command.Channel, null, command.FirstPost.Author, now);
        var wrote = new CustomerWrote(command.TicketId, command.FirstPost, now);
        return held
            ? Decision.Accept(opened, new TicketHeldForVerification(command.TicketId, command.HeldReason!, now), wrote)
            : Decision.Accept(opened, wrote);
    }

    public static Decision Decide(Ticket state, AddCustomerPost command, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return TicketErrors.NotFound;
        }

        if (command.Post.Author.Kind == AuthorKind.Customer && !HasText(command.Post))
        {
            return TicketErrors.TextRequired;
        }

        if (state.Status == TicketStatus.Rejected || state.MergedInto is not null)
        {
            return TicketErrors.Closed;
        }

        var post = command.Post.Author.Kind == AuthorKind.Customer ? Trimmed(command.Post) : command.Post;
        if (state.Status != TicketStatus.Closed)
        {
            return Decision.Accept(new CustomerWrote(command.TicketId, post, now));
        }

        return CanReopen(state, command.ReopenWithin, now)
            ? Decision.Accept(new TicketReopened(command.TicketId, post.Author, now), new CustomerWrote(command.TicketId, post, now))
            : TicketErrors.ReopenExpired;
    }

    public static Decision Decide(Ticket state, ReplyAsStaff command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : state.IsHeld ? TicketErrors.Held
        : state.Status == TicketStatus.Rejected || state.MergedInto is not null ? TicketErrors.Closed
        : !HasText(command.Post) ? TicketErrors.TextRequired
        : Decision.Accept(new StaffReplied(command.TicketId, Trimmed(command.Post), now));

    public static Decision Decide(Ticket state, AddInternalNote command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : !HasText(command.Post) ? TicketErrors.TextRequired
        : Decision.Accept(new InternalNoteAdded(command.TicketId, Trimmed(command.Post), now));

    public static Decision Decide(Ticket state, AppendAutomaticReply command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound : Decision.Accept(new AutomaticReplyAppended(command.TicketId, command.Post, command.Kind, now));

    public static Decision Decide(Ticket state, CloseTicket command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : state.IsHeld ? TicketErrors.Held
        : state.IsClosed ? TicketErrors.Closed
        : Decision.Accept(new TicketClosed(command.TicketId, command.By, now));

    public static Decision Decide(Ticket state, ReopenTicket command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : state.Status != TicketStatus.Closed ? TicketErrors.NotClosed
        : state.MergedInto is not null ? TicketErrors.Closed
        : !command.By.IsStaff && !CanReopen(state, command.ReopenWithin, now) ? TicketErrors.ReopenExpired
        : Decision.Accept(new TicketReopened(command.TicketId, command.By, now));

    public static Decision Decide(Ticket state, ChangeTicketStatus command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : state.IsHeld || state.IsClosed ? (state.IsHeld ? TicketErrors.Held : TicketErrors.Closed)
        : command.Status is not (TicketStatus.Open or TicketStatus.AwaitingCustomer or TicketStatus.AwaitingStaff) ? TicketErrors.InvalidStatus
        : command.Status == state.Status ? Decision.Accept()
        : Decision.Accept(new TicketStatusChanged(command.TicketId, command.Status, command.By, now));

    public static Decision Decide(Ticket state, AssignTicket command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : command.StaffId == state.AssigneeId ? Decision.Accept()
        : command.StaffId is { } staffId
            ? Decision.Accept(new TicketAssigned(command.TicketId, staffId, command.StaffName ?? string.Empty, command.By, now))
            : Decision.Accept(new TicketUnassigned(command.TicketId, command.By, now));

    public static Decision Decide(Ticket state, ChangeTicketDepartment command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : string.IsNullOrWhiteSpace(command.Department) ? TicketErrors.DepartmentRequired
        : command.Department == state.Department ? Decision.Accept()
        : Decision.Accept(new TicketDepartmentChanged(command.TicketId, command.Department, command.By, now));

    public static Decision Decide(Ticket state, ChangeTicketPriority command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : command.Priority == state.Priority ? Decision.Accept()
        : Decision.Accept(new TicketPriorityChanged(command.TicketId, command.Priority, command.By, now));

    public static Decision Decide(Ticket state, VerifyTicketSender command, DateTimeOffset now)
    {
        var note = command.Note?.Trim() ?? string.Empty;
        return !state.Exists ? TicketErrors.NotFound
            : !state.IsHeld ? TicketErrors.NotHeld
            : note.Length is 0 or > TicketErrors.MaxNoteLength ? TicketErrors.NoteRequired
            : Decision.Accept(new TicketSenderVerified(command.TicketId, command.CustomerId, note, command.AddAddressAsContact, command.By, now));
    }

    public static Decision Decide(Ticket state, RejectHeldTicket command, DateTimeOffset now)
    {
        var note = command.Note?.Trim() ?? string.Empty;
        return !state.Exists ? TicketErrors.NotFound
            : !state.IsHeld ? TicketErrors.NotHeld
            : note.Length is 0 or > TicketErrors.MaxNoteLength ? TicketErrors.NoteRequired
            : Decision.Accept(new TicketRejected(command.TicketId, command.Reason, note, command.By, now));
    }

    public static Decision Decide(Ticket state, RecordDeliveryFailure command, DateTimeOffset now) =>
        !state.Exists ? TicketErrors.NotFound
        : Decision.Accept(new TicketDeliveryFailed(command.TicketId, command.Address.Trim().ToLowerInvariant(), command.Reason, command.MailId, now));

    /// <summary>Both sides of a merge, decided together: the events for the source's stream, then for the target's.</summary>
    public static (Decision Source, Decision Target) Decide(MergeTickets command, DateTimeOffset now)
    {
        var (source, target) = (command.Source, command.Target);
        if (!source.Exists || !target.Exists || source.Id == target.Id || source.CustomerId is null || source.CustomerId != target.CustomerId
            || source.IsHeld || target.IsHeld || source.MergedInto is not null || target.MergedInto is not null || target.Status == TicketStatus.Rejected)
        {
            return (TicketErrors.MergeRefused, TicketErrors.MergeRefused);
        }

        return (Decision.Accept(new TicketMergedInto(source.Id, target.Id, target.Number, command.By, now)),
            Decision.Accept(new TicketMergedFrom(target.Id, source.Id, source.Number, command.SourceMessages, source.Participants, command.By, now)));
    }

    private static bool CanReopen(Ticket state, TimeSpan within, DateTimeOffset now) => state.ClosedAt is { } closed && now - closed <= within;

    private static bool HasText(TicketPost post)
    {
        var length = post.Text?.Trim().Length ?? 0;
        return (length > 0 || post.Attachments.Count > 0) && length <= TicketErrors.MaxTextLength;
    }

    private static TicketPost Trimmed(TicketPost post) => post with { Text = post.Text.Trim() };
}
