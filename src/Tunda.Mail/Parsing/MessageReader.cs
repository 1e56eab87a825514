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
            if (InternetAddressList.TryParse(ReaderOptions.For(MimeParserLimits.Default), header.RawValue, out var list))
            {
                Flatten(list, null, header.Value, result);
            }
        }

        return result;
    }

    private static void Flatten(IEnumerable<InternetAddress> addresses, string? group, string written, List<InboundMailbox> result)
    {
        foreach (var address in addresses)
        {
            if (address is GroupAddress members)
            {
                Flatten(members.Members, members.Name, written, result);
            }
            else if (address is MimeKit.MailboxAddress mailbox)
            {
                var addrSpec = AsWritten(mailbox, written);
                result.Add(new InboundMailbox(addrSpec, DisplayName(mailbox.Name), AddressNormalizer.Normalize(addrSpec), group));
            }
        }
    }

    /// <summary>MimeKit shows a punycode domain in Unicode; the address is kept the way the sender wrote it.</summary>
    private static string AsWritten(MimeKit.MailboxAddress mailbox, string written) =>
        written.Contains(mailbox.Address, StringComparison.Ordinal) ? mailbox.Address : mailbox.GetAddress(idnEncode: true);

    /// <summary>An encoded word MimeKit left as written inside a phrase (one holding '@' or '.') is still decoded: it is what mail clients show.</summary>
    private static string? DisplayName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var decoded = name.Contains("=?", StringComparison.Ordinal) ? Rfc2047.DecodeText(ReaderOptions.For(MimeParserLimits.Default), System.Text.Encoding.UTF8.GetBytes(name)) : name;
        return TextDecoding.Header(decoded).Trim();
    }
}
