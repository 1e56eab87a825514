using Tunda.Domain.Tickets;

namespace Tunda.Projections.Tickets;

/// <summary>The Ticket stream's event types, and how each shows in a thread.</summary>
public static class TicketEventTypes
{
    public static IReadOnlyList<Type> All { get; } =
    [
        typeof(TicketOpened), typeof(CustomerWrote), typeof(StaffReplied), typeof(InternalNoteAdded), typeof(AutomaticReplyAppended),
        typeof(TicketClosed), typeof(TicketReopened), typeof(TicketStatusChanged), typeof(TicketAssigned), typeof(TicketUnassigned),
        typeof(TicketDepartmentChanged), typeof(TicketPriorityChanged), typeof(TicketHeldForVerification), typeof(TicketSenderVerified),
        typeof(TicketRejected), typeof(TicketDeliveryFailed), typeof(TicketMergedInto), typeof(TicketMergedFrom),
    ];

    /// <summary>The entries a merged ticket brings, in their own order, after the line that says it was merged.</summary>
    public static IEnumerable<ThreadEntry> MergedEntries(object @event) =>
        @event is TicketMergedFrom e ? e.Messages.Select(m => new ThreadEntry(m.Kind, m.WrittenAt, m.Post.Author, m.Post)) : [];

    /// <summary>The thread entry an event adds; null for the opening, which the first message already shows.</summary>
    public static ThreadEntry? EntryFor(object @event, string change) => @event switch
    {
        TicketOpened => null,
        CustomerWrote e => new("customer", e.At, e.Post.Author, e.Post),
        StaffReplied e => new("staff", e.At, e.Post.Author, e.Post),
        InternalNoteAdded e => new("note", e.At, e.Post.Author, e.Post),
        AutomaticReplyAppended e => new("automatic", e.At, e.Post.Author, e.Post, Detail: e.Kind),
        TicketClosed e => new("change", e.At, e.By, null, change),
        TicketReopened e => new("change", e.At, e.By, null, change),
        TicketStatusChanged e => new("change", e.At, e.By, null, change, e.Status.ToString()),
        TicketAssigned e => new("change", e.At, e.By, null, change, e.StaffName),
        TicketUnassigned e => new("change", e.At, e.By, null, change),
        TicketDepartmentChanged e => new("change", e.At, e.By, null, change, e.Department),
        TicketPriorityChanged e => new("change", e.At, e.By, null, change, e.Priority.ToString()),
        TicketHeldForVerification e => new("change", e.At, null, null, change, e.Reason),
        TicketSenderVerified e => new("change", e.At, e.By, null, change, e.Note),
        TicketRejected e => new("change", e.At, e.By, null, change, $"{e.Reason}: {e.Note}"),
        TicketDeliveryFailed e => new("change", e.At, null, null, change, $"{e.Address}: {e.Reason}"),
        TicketMergedInto e => new("change", e.At, e.By, null, change, e.TargetNumber),
        TicketMergedFrom e => new("change", e.At, e.By, null, change, e.SourceNumber),
        _ => null,
    };
}
