using System.Security.Cryptography;
using MimeKit;

namespace Tunda.Mail;

/// <summary>Turns an <see cref="OutgoingMessage"/> into a MimeKit <see cref="MimeMessage"/> ready to send or store.</summary>
public static class MimeComposer
{
    /// <summary>How a composed message is written anywhere (a pickup file, a test): CRLF line endings, as on the wire.</summary>
    public static FormatOptions WireFormat { get; } = new() { NewLineFormat = NewLineFormat.Dos };

    /// <summary>Fields the composer writes itself, so a caller cannot add a second one.</summary>
    private static readonly HashSet<string> OwnFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
        "MIME-Version", "Auto-Submitted",
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

    /// <summary>
    /// The MIME message: text/plain, or multipart/alternative with the text part first when there is HTML.
    /// Every value is checked before MimeKit sees it: a line break in any header value is refused, so no
    /// value can start a header (or the body) of its own.
    /// </summary>
    public static MimeMessage Compose(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message = WithMessageId(message);
        if (!message.Recipients.Any())
        {
            throw new ArgumentException("A message needs at least one To or Cc recipient.", nameof(message));
        }

        HeaderValues.RejectLineBreaks(message.Subject, nameof(message.Subject));
        var mime = new MimeMessage
        {
            Date = message.Date ?? DateTimeOffset.Now,
            Subject = message.Subject,
            MessageId = Bare(message.MessageId!),
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };

        // Quoted-printable keeps every line short and 7-bit, so the stored .eml and the bytes on the wire are
        // the same whatever the SMTP server offers (no 8BITMIME needed, nothing re-encoded on the way).
        foreach (var part in mime.BodyParts.OfType<TextPart>())
        {
            part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        }

        AddMailboxes(mime.Headers, mime.From, "From", [message.From]);
        AddMailboxes(mime.Headers, mime.To, "To", message.To);
        AddMailboxes(mime.Headers, mime.Cc, "Cc", message.Cc);
        if (EncodedWordLookalikes.In(message.Subject))
        {
            EncodedWordLookalikes.WriteText(mime.Headers, "Subject", message.Subject);
        }

        if (message.InReplyTo is { } inReplyTo)
        {
            mime.InReplyTo = Bare(HeaderValues.NormaliseMessageId(inReplyTo, nameof(message.InReplyTo)));
        }

        mime.References.AddRange(message.References.Select(r => Bare(HeaderValues.NormaliseMessageId(r, nameof(message.References)))));
        if (message.AutoSubmitted)
        {
            // RFC 3834: an automatic answer to a message is "auto-replied", any other automatic mail "auto-generated".
            mime.Headers.Add("Auto-Submitted", message.InReplyTo is null ? "auto-generated" : "auto-replied");
        }

        foreach (var (name, value) in message.Headers)
        {
            AddExtraHeader(mime, name, value);
        }

        return mime;
    }

    private static void AddExtraHeader(MimeMessage mime, string name, string value)
    {
        HeaderValues.CheckFieldName(name);
        // Any Content-* field describes the MIME structure the composer builds (a Content-Disposition:
        // attachment would hide the whole body), so none may come from outside.
        if (OwnFields.Contains(name) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The {name} field is written by the composer; set it through the message's own property.", nameof(name));
        }

        HeaderValues.RejectLineBreaks(value, name);
        mime.Headers.Add(name, value);
        if (EncodedWordLookalikes.In(value))
        {
            EncodedWordLookalikes.WriteText(mime.Headers, name, value);
        }
    }

    private static void AddMailboxes(HeaderList headers, InternetAddressList list, string field, IReadOnlyList<MailboxAddress> mailboxes)
    {
        if (mailboxes.Count > 0)
        {
            list.AddRange(mailboxes.Select(m => m.ToMimeKit()));
            EncodedWordLookalikes.WriteMailboxes(headers, field, mailboxes);
        }
    }

    private static string Bare(string id) => id[1..^1];
}
