namespace Tunda.Domain.Inbound;

/// <summary>One stream per received message, its id the stored message's id.</summary>
public static class InboundMail
{
    public const string StreamType = "inbound_mail";
}

/// <summary>
/// A received message was read and classified. The helpdesk turns personal mail from a known
/// sender into a ticket or a reply (issue: helpdesk); intake only records what came in.
/// </summary>
/// <param name="Channel">"pipe", "http" or "imap".</param>
/// <param name="Kind">The classifier's kind: "personal", "auto_reply", "out_of_office", "delivery_status", "bulk".</param>
/// <param name="Reasons">Why it was classified so, in words staff can read.</param>
/// <param name="Spf">Our own MTA's verdict (Authentication-Results), or null when it gave none.</param>
public sealed record InboundMailReceived(
    Guid MailId,
    string Channel,
    string? MessageId,
    string Sha256,
    string Subject,
    string? FromAddress,
    string? FromName,
    bool AmbiguousAuthor,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string Kind,
    IReadOnlyList<string> Reasons,
    string? Spf,
    string? Dkim,
    string? Dmarc,
    DateTimeOffset ReceivedAt);

/// <summary>A received message is kept but not processed automatically: staff see it in the quarantine.</summary>
public sealed record InboundMailQuarantined(Guid MailId, string Channel, string Sha256, string Reason, DateTimeOffset ReceivedAt);
