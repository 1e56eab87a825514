using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tunda.Mail;

/// <summary>Turns an <see cref="OutgoingMessage"/> into RFC 5322 / MIME bytes with CRLF line endings.</summary>
public static class MimeComposer
{
    /// <summary>Fields the composer writes itself, so a caller cannot add a second one.</summary>
    private static readonly HashSet<string> OwnFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted",
    };

    /// <summary>The message with a Message-ID: its own (normalised) or a new random one at the sender's domain.</summary>
    public static OutgoingMessage WithMessageId(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.MessageId is { } given
            ? HeaderValues.NormaliseMessageId(given, nameof(message.MessageId))
            : $"<{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}@{message.From.Domain}>";
        return message with { MessageId = id };
    }

    public static byte[] Compose(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message = WithMessageId(message);
        if (!message.Recipients.Any())
        {
            throw new ArgumentException("A message needs at least one To or Cc recipient.", nameof(message));
        }

        var headers = new HeaderWriter();
        headers.Add("Date", [FormatDate(message.Date ?? DateTimeOffset.Now)]);
        headers.AddMailboxes("From", [message.From]);
        if (message.To.Count > 0)
        {
            headers.AddMailboxes("To", message.To);
        }

        if (message.Cc.Count > 0)
        {
            headers.AddMailboxes("Cc", message.Cc);
        }

        headers.AddText("Subject", message.Subject);
        headers.Add("Message-ID", [message.MessageId!]);
        if (message.InReplyTo is { } inReplyTo)
        {
            headers.Add("In-Reply-To", [HeaderValues.NormaliseMessageId(inReplyTo, nameof(message.InReplyTo))]);
        }

        if (message.References.Count > 0)
        {
            headers.Add("References", message.References.Select(r => HeaderValues.NormaliseMessageId(r, nameof(message.References))));
        }

        if (message.AutoSubmitted)
        {
            headers.Add("Auto-Submitted", ["auto-generated"]);
        }

        foreach (var (name, value) in message.Headers)
        {
            // Any Content-* field describes the MIME structure the composer builds (a Content-Disposition:
            // attachment would hide the whole body), so none may come from outside.
            if (OwnFields.Contains(name) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The {name} field is written by the composer; set it through the message's own property.", nameof(message));
            }

            headers.AddText(name, value, longWordsStayWhole: true);
        }

        headers.Add("MIME-Version", ["1.0"]);
        var body = message.HtmlBody is null
            ? TextPart("plain", message.TextBody)
            : Alternative(message.TextBody, message.HtmlBody);
        return Encoding.ASCII.GetBytes(headers.ToString() + body);
    }

    private static string Alternative(string text, string html)
    {
        // "=_" never occurs in quoted-printable output, so the boundary cannot collide with a part.
        var boundary = "=_tunda_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return $"Content-Type: multipart/alternative;\r\n boundary=\"{boundary}\"\r\n\r\n"
            + $"--{boundary}\r\n{TextPart("plain", text)}\r\n"
            + $"--{boundary}\r\n{TextPart("html", html)}\r\n"
            + $"--{boundary}--\r\n";
    }

    private static string TextPart(string subtype, string content)
    {
        var encoded = QuotedPrintable.Encode(Encoding.UTF8.GetBytes(WithCrlf(content)));
        return $"Content-Type: text/{subtype}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + encoded + (encoded.EndsWith("\r\n", StringComparison.Ordinal) ? "" : "\r\n");
    }

    private static string WithCrlf(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\n", "\r\n", StringComparison.Ordinal);

    /// <summary>RFC 5322 date-time, e.g. "Sun, 22 Nov 2026 08:40:07 +0100".</summary>
    internal static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var zone = $"{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}";
        return date.ToString("ddd, d MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + zone;
    }
}
