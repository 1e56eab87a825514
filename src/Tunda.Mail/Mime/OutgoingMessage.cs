namespace Tunda.Mail;

/// <summary>A mail to compose with <see cref="MimeComposer"/> and send through an <see cref="IMailTransport"/>.</summary>
public sealed record OutgoingMessage
{
    public required MailboxAddress From { get; init; }

    public IReadOnlyList<MailboxAddress> To { get; init; } = [];

    public IReadOnlyList<MailboxAddress> Cc { get; init; } = [];

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    /// <summary>When set the mail is multipart/alternative, the text part first.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>With or without angle brackets; generated from the sender's domain when missing.</summary>
    public string? MessageId { get; init; }

    public string? InReplyTo { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Marks the mail as sent by a program (RFC 3834: auto-replied when it answers <see cref="InReplyTo"/>, else auto-generated), so auto-responders do not answer it.</summary>
    public bool AutoSubmitted { get; init; }

    /// <summary>When missing, the time of composition.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Further fields (for example List-Unsubscribe); the ones the composer writes itself are refused.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Every recipient of the envelope: To, then Cc.</summary>
    public IEnumerable<MailboxAddress> Recipients => To.Concat(Cc);
}
