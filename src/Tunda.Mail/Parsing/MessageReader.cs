using MimeKit;

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
            From = AddressReader.Read(headers, "From"),
            Sender = AddressReader.Read(headers, "Sender") is [var sender, ..] ? sender : null,
            ReplyTo = AddressReader.Read(headers, "Reply-To"),
            To = AddressReader.Read(headers, "To"),
            Cc = AddressReader.Read(headers, "Cc"),
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
}
