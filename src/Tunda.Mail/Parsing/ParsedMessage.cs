namespace Tunda.Mail.Parsing;

/// <summary>
/// What <see cref="MimeParser"/> read from one message. Parsing never throws: whatever could not be
/// read is named in <see cref="Problems"/>, and a message over the limits has a
/// <see cref="QuarantineReason"/> (it is kept, but not processed automatically).
/// </summary>
public sealed class ParsedMessage
{
    public required HeaderList Headers { get; init; }

    public string Subject { get; init; } = "";

    public IReadOnlyList<InboundMailbox> From { get; init; } = [];

    public InboundMailbox? Sender { get; init; }

    public IReadOnlyList<InboundMailbox> ReplyTo { get; init; } = [];

    public IReadOnlyList<InboundMailbox> To { get; init; } = [];

    public IReadOnlyList<InboundMailbox> Cc { get; init; } = [];

    /// <summary>The Message-ID without angle brackets, or null when absent or unreadable.</summary>
    public string? MessageId { get; init; }

    public string? InReplyTo { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>The Date header, or the arrival time when it is missing or cannot be read (see <see cref="DateFromHeader"/>).</summary>
    public DateTimeOffset Date { get; init; }

    public bool DateFromHeader { get; init; }

    public required MimeEntity Body { get; init; }

    /// <summary>The best plain-text body: the text/plain part (format=flowed joined) or text made from the HTML.</summary>
    public string TextBody { get; init; } = "";

    /// <summary>The HTML body after the allow-list sanitiser (no scripts, no remote fetches), or null.</summary>
    public string? HtmlBody { get; init; }

    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];

    public string? QuarantineReason { get; init; }

    /// <summary>True when the author is not one unambiguous mailbox: several From mailboxes, none, or a Sender that differs from From.</summary>
    public bool HasAmbiguousAuthor =>
        From.Count != 1 || (Sender is not null && !string.Equals(Sender.NormalizedAddress, From[0].NormalizedAddress, StringComparison.OrdinalIgnoreCase));
}
