namespace Tunda.Mail.Classification;

/// <summary>What kind of mail this is, for deciding whether a ticket may be opened or answered.</summary>
public enum MailKind
{
    /// <summary>Written by a person: may open or answer a ticket.</summary>
    Personal,

    /// <summary>An automatic answer (Auto-Submitted, X-Autoreply, Precedence auto_reply...): never answered, to avoid loops.</summary>
    AutoReply,

    /// <summary>An out-of-office / vacation answer.</summary>
    OutOfOffice,

    /// <summary>A delivery status notification (bounce or delay).</summary>
    DeliveryStatus,

    /// <summary>Mailing-list or bulk mail (List-Id, Precedence bulk/list/junk).</summary>
    Bulk,
}

/// <summary>One recipient of a delivery status notification (RFC 3464).</summary>
public sealed record DeliveryRecipient(string Recipient, string Action, string Status, string? DiagnosticCode);

public sealed record DeliveryReport(IReadOnlyList<DeliveryRecipient> Recipients, string? OriginalMessageId, bool IsStandard);

/// <summary>The verdicts of our own MTA's topmost Authentication-Results header; null when it is absent or not ours.</summary>
public sealed record AuthenticationVerdicts(string? Spf, string? Dkim, string? Dmarc)
{
    public bool DmarcPassed => string.Equals(Dmarc, "pass", StringComparison.OrdinalIgnoreCase);
}

/// <param name="Reasons">Why, in words staff can read ("Auto-Submitted: auto-replied", "List-Id present"...).</param>
public sealed record MailClassification(
    MailKind Kind,
    IReadOnlyList<string> Reasons,
    DeliveryReport? DeliveryReport,
    AuthenticationVerdicts? Authentication)
{
    /// <summary>True for anything but personal mail: never send an automatic answer to it.</summary>
    public bool IsAutomatic => Kind != MailKind.Personal;

    /// <summary>
    /// The sender asked for no automatic answers (Exchange's X-Auto-Response-Suppress: All, AutoReply or
    /// OOF). Outlook sets it on mail a person sends too (meeting answers, some add-ins), so on its own
    /// it does not make the mail automatic: a ticket is still opened, only the acknowledgement is skipped.
    /// </summary>
    public bool SenderAsksNoAutoReply { get; init; }

    /// <summary>Whether an automatic acknowledgement may be sent back to this mail.</summary>
    public bool MayAnswerAutomatically => !IsAutomatic && !SenderAsksNoAutoReply;
}
