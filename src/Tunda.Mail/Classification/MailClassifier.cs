using Tunda.Mail.Parsing;

namespace Tunda.Mail.Classification;

public static class MailClassifier
{
    public static MailClassification Classify(ParsedMessage message, MailClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var signals = new List<Signal>();
        if (message.Body.DescendantsAndSelf().Any(IsReadReceipt))
        {
            signals.Add(new(MailKind.AutoReply, "Read receipt (disposition notification)"));
        }

        signals.AddRange(AutomaticSignals.Read(message));
        var delivery = DeliveryReports.Read(message, signals.Count > 0);
        if (delivery is { } found)
        {
            signals.Insert(0, new(MailKind.DeliveryStatus, found.Reason));
        }

        var asksNoAutoReply = AutomaticSignals.AsksNoAutoReply(message.Headers);
        var kind = signals.Count == 0 ? MailKind.Personal : signals.MaxBy(s => Rank(s.Kind)).Kind;
        var reasons = signals.Select(s => s.Reason).Distinct().ToList();
        if (asksNoAutoReply)
        {
            reasons.Add($"X-Auto-Response-Suppress: {StructuredValue.Shown(message.Headers["X-Auto-Response-Suppress"]!)} (sender asks for no automatic answer)");
        }

        return new MailClassification(
            kind,
            reasons,
            delivery?.Report,
            AuthenticationResults.Read(message.Headers, options.TrustedAuthServId))
        {
            SenderAsksNoAutoReply = asksNoAutoReply,
        };
    }

    /// <summary>
    /// When several signals meet, the most specific kind wins. A bounce usually also comes from
    /// mailer-daemon with an empty Return-Path and Auto-Submitted, so it would look like any
    /// automatic answer, but only as a bounce does it tell staff an address failed. An absence notice
    /// is an automatic answer too, and saying which one lets staff know the customer is away. Any
    /// automatic answer outranks bulk: vacation responders often add Precedence: bulk, and list
    /// software answers with both List-Id and Auto-Submitted, and what matters most there is never
    /// answering (mail loops). Only mail with no signal at all is personal.
    /// </summary>
    private static int Rank(MailKind kind) => kind switch
    {
        MailKind.DeliveryStatus => 4,
        MailKind.OutOfOffice => 3,
        MailKind.AutoReply => 2,
        MailKind.Bulk => 1,
        _ => 0,
    };

    private static bool IsReadReceipt(MimeEntity entity) =>
        entity.ContentType.Is("multipart", "report")
        && string.Equals(entity.ContentType.Parameters.GetValueOrDefault("report-type"), "disposition-notification", StringComparison.OrdinalIgnoreCase);
}
