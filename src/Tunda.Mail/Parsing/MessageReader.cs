using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Tunda.Mail.Parsing;

/// <summary>Fills a <see cref="ParsedMessage"/> from the header fields and body MimeKit read for one message.</summary>
internal static class MessageReader
{
    public static ParsedMessage Read(MimeMessage message, int depth, ParseContext context) => Read(message.Headers, message.Body, depth, context);

    /// <param name="body">Null when only the header block was read (a message over the size limit).</param>
    public static ParsedMessage Read(MimeKit.HeaderList source, MimeKit.MimeEntity? body, int depth, ParseContext context)
    {
        var reader = new EntityReader(context);
        var headers = reader.Headers(source);
        var root = body is null || context.Stopped ? EmptyBody(headers) : reader.Read(body, depth);
        var date = context.ArrivedAt;
        var hasDate = headers.All("Date").FirstOrDefault() is { } dateField && MailDate.TryParse(dateField.RawValue, out date);
        if (!hasDate && headers.Contains("Date"))
        {
            context.Problem($"The Date header \"{headers["Date"]}\" cannot be read; the arrival time is used.");
        }

        var bodies = BodySelector.Select(root);
        if (bodies.Problem is not null)
        {
            context.Problem(bodies.Problem);
        }

        return new ParsedMessage
        {
            Headers = headers,
            Subject = headers["Subject"] ?? "",
            From = Addresses(headers, "From"),
            Sender = Addresses(headers, "Sender") is [var sender, ..] ? sender : null,
            ReplyTo = Addresses(headers, "Reply-To"),
            To = Addresses(headers, "To"),
            Cc = Addresses(headers, "Cc"),
            MessageId = MessageIds.First(headers),
            InReplyTo = headers.All("In-Reply-To").FirstOrDefault() is { } inReplyTo ? MessageIds.In(inReplyTo).FirstOrDefault() : null,
            References = [.. headers.All("References").SelectMany(MessageIds.In)],
            Date = hasDate ? date : context.ArrivedAt,
            DateFromHeader = hasDate,
            Body = root,
            TextBody = bodies.TextBody,
            HtmlBody = bodies.HtmlBody,
            Attachments = bodies.Attachments,
            Problems = [.. context.Problems],
            QuarantineReason = context.QuarantineReason,
        };
    }

    private static MimeEntity EmptyBody(HeaderList headers) => new() { Headers = headers, ContentType = ContentType.TextPlain };

    private static List<InboundMailbox> Addresses(HeaderList headers, string name)
    {
        var result = new List<InboundMailbox>();
        foreach (var header in headers.All(name))
        {
            if (InternetAddressList.TryParse(ReaderOptions.For(MimeParserLimits.Default), header.RawValue, out var list) && list.Count > 0)
            {
                Flatten(list, null, header, result);
            }
            else if (header.Value.Length > 0)
            {
                // Kept as written, never valid: staff still see who the sender claimed to be.
                result.Add(new InboundMailbox(header.Value, null, null));
            }
        }

        return result;
    }

    private static void Flatten(IEnumerable<InternetAddress> addresses, string? group, MessageHeader header, List<InboundMailbox> result)
    {
        foreach (var address in addresses)
        {
            if (address is GroupAddress members)
            {
                Flatten(members.Members, members.Name, header, result);
            }
            else if (address is MimeKit.MailboxAddress mailbox)
            {
                var addrSpec = AsWritten(mailbox, header.Value);
                result.Add(new InboundMailbox(addrSpec, DisplayName(mailbox.Name, header.RawValue), AddressNormalizer.Normalize(addrSpec), group));
            }
        }
    }

    /// <summary>MimeKit shows a punycode domain in Unicode; the address is kept the way the sender wrote it.</summary>
    private static string AsWritten(MimeKit.MailboxAddress mailbox, string written) =>
        Ascii.IsValid(mailbox.Address) || written.Contains(mailbox.Address, StringComparison.Ordinal) ? mailbox.Address : mailbox.GetAddress(idnEncode: true);

    /// <summary>
    /// An encoded word MimeKit left undecoded in a display name (one whose text holds '@' or '.') is still
    /// decoded, as mail clients show it, unless the sender wrote it inside quotes, where it is plain text.
    /// </summary>
    private static string? DisplayName(string? name, byte[] rawValue)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (name.Contains("=?", StringComparison.Ordinal) && Encoding.Latin1.GetString(rawValue) is var raw
            && raw.Contains(name, StringComparison.Ordinal) && !raw.Contains('"' + name, StringComparison.Ordinal))
        {
            name = Rfc2047.DecodeText(ReaderOptions.For(MimeParserLimits.Default), Encoding.UTF8.GetBytes(name));
        }

        return TextDecoding.Header(name).Trim();
    }
}
