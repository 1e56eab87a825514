using System.Text;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Classification;

/// <summary>Finds the delivery status notification in a message: a standard RFC 3464 report, or a bounce written as plain text.</summary>
internal static class DeliveryReports
{
    private static readonly string[] BounceSubjects =
    [
        "Undelivered Mail Returned to Sender", "Undeliverable:", "Undelivered mail", "Mail delivery failed",
        "Delivery Status Notification", "Mail Delivery Failure", "Delivery failure", "Message delivery failure",
        "Returned mail", "failure notice", "Mancato recapito", "Non recapitabile", "Messaggio non recapitato",
        "Delivery has failed", "Warning: could not send message", "Unzustellbar", "Non remis", "Nicht zustellbar",
    ];

    /// <param name="isAutomatic">Whether other signals show the mail was written by a program.</param>
    public static (DeliveryReport Report, string Reason)? Read(ParsedMessage message, bool isAutomatic)
    {
        foreach (var report in message.Body.DescendantsAndSelf().Where(IsDeliveryReport))
        {
            var status = report.Children.FirstOrDefault(c => c.ContentType.Is("message", "delivery-status") || c.ContentType.Is("message", "global-delivery-status"));
            if (status is null)
            {
                continue;
            }

            var recipients = DeliveryStatusFields.ReadRecipients(status.Content);
            var original = report.Children.Select(OriginalMessageId).FirstOrDefault(id => id is not null);
            return (new DeliveryReport(recipients, original, IsStandard: true), "Delivery status notification (multipart/report, RFC 3464)");
        }

        // Customers of a hosting provider forward bounces to support ("Fwd: Undelivered Mail...") or
        // name one in their own subject, asking for help: such a mail must stay personal. So the bounce
        // subject has to open the subject, and the mail must carry another sign of a program too.
        var subject = message.Subject.TrimStart();
        var subjectMarker = isAutomatic ? BounceSubjects.FirstOrDefault(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase)) : null;
        if (subjectMarker is null && !AutomaticSignals.IsMailerDaemon(message))
        {
            return null;
        }

        // Plain-text parts only: an HTML part's markup would end up in the diagnostics. An HTML-only
        // bounce is read through TextBody, the text the parser made of it.
        var texts = message.Body.DescendantsAndSelf().Where(e => e.ContentType.Is("text", "plain") && e.Text is not null).Select(e => e.Text!).ToList();
        if (texts.Count == 0)
        {
            texts.Add(message.TextBody);
        }

        var bounceText = BounceText.Read(texts);
        var attachedId = message.Body.DescendantsAndSelf().Select(OriginalMessageId).FirstOrDefault(id => id is not null);
        var reason = subjectMarker is null
            ? "Bounce from a mail server (sender is a mailer daemon)"
            : $"Bounce (subject \"{StructuredValue.Shown(message.Subject)}\")";
        return (new DeliveryReport(bounceText.Recipients, attachedId ?? bounceText.OriginalMessageId, IsStandard: false), reason);
    }

    private static bool IsDeliveryReport(MimeEntity entity) =>
        entity.ContentType.Is("multipart", "report")
        && (entity.ContentType.Parameters.GetValueOrDefault("report-type") is not { } type
            || type.Equals("delivery-status", StringComparison.OrdinalIgnoreCase)
            || type.Equals("global-delivery-status", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Message-ID of the returned original: from a message/rfc822 part, or from returned headers only.</summary>
    private static string? OriginalMessageId(MimeEntity entity)
    {
        if (entity.EmbeddedMessage is { } embedded)
        {
            return embedded.MessageId ?? BounceText.MessageIdIn(embedded.Headers["Message-ID"] is { } id ? "Message-ID: " + id : "");
        }

        return entity.ContentType.Is("text", "rfc822-headers") || entity.ContentType.Is("message", "global-headers") || entity.ContentType.Is("message", "rfc822")
            ? BounceText.MessageIdIn(TextOf(entity))
            : null;
    }

    private static string TextOf(MimeEntity entity)
    {
        if (entity.Text is { } text)
        {
            return text;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(entity.Content);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(entity.Content);
        }
    }
}
