using System.Text.Json.Serialization;

namespace Tunda.Domain.Tickets;

/// <summary>Where a ticket stands. <see cref="Held"/>: mailed by a sender nobody has verified yet.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketStatus>))]
public enum TicketStatus
{
    Open,
    AwaitingCustomer,
    AwaitingStaff,
    Closed,
    Held,
    Rejected,
}

[JsonConverter(typeof(JsonStringEnumConverter<TicketPriority>))]
public enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>How the ticket reached the helpdesk.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketChannel>))]
public enum TicketChannel
{
    Portal,
    Email,
}

/// <summary>What kind of person or process wrote or changed something on a ticket.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuthorKind>))]
public enum AuthorKind
{
    /// <summary>The main account or one of its contacts, signed in to the customer area.</summary>
    Customer,

    Staff,

    /// <summary>Whoever the From address of a received mail names: unverified until staff say otherwise.</summary>
    EmailSender,

    System,
}

/// <summary>Who did it: the login or staff id (or the address for an e-mail sender), a name to show, the address mail reaches.</summary>
public sealed record TicketAuthor(AuthorKind Kind, string Id, string Name, string? Address)
{
    public static TicketAuthor System { get; } = new(AuthorKind.System, "tunda", "Tunda", null);

    public bool IsStaff => Kind == AuthorKind.Staff;
}

/// <summary>A file sent with a message, stored apart from the event (by id) with its SHA-256.</summary>
public sealed record TicketAttachment(Guid Id, string FileName, string ContentType, long Size, string Sha256);

/// <summary>A service, domain or invoice of the customer the ticket is about, as the customer picked it.</summary>
public sealed record TicketRelation(string Kind, string Id, string Label);

/// <summary>
/// One message on a ticket (its time is the event's). <see cref="QuotedText"/> is the earlier mail a reply quoted: kept, shown
/// folded. <see cref="MailId"/> and <see cref="EmailMessageId"/> tie a mailed message to what was received.
/// </summary>
public sealed record TicketPost(Guid PostId, TicketAuthor Author, string Text)
{
    public string? QuotedText { get; init; }

    /// <summary>The sanitised HTML of a mailed message, when it had one.</summary>
    public string? SafeHtml { get; init; }

    public IReadOnlyList<TicketAttachment> Attachments { get; init; } = [];

    public Guid? MailId { get; init; }

    public string? EmailMessageId { get; init; }
}
