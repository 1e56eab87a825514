namespace Tunda.Mail.Parsing;

/// <summary>Builds a <see cref="ParsedMessage"/> from a message's bytes: the MIME tree, then the fields read from it.</summary>
internal static class LegacyMessageReader
{
    public static ParsedMessage Read(ReadOnlyMemory<byte> data, int depth, ParseContext context)
    {
        var root = new MimeTreeReader(context).ReadEntity(data, depth, isMessage: true, ContentType.TextPlain, inheritedCharset: null);
        var headers = root.Headers;
        var charset = root.ContentType.Charset;
        var hasDate = MailDateParser.TryParse(headers["Date"], out var date);
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
            From = Addresses(headers, "From", charset, context),
            Sender = Addresses(headers, "Sender", charset, context) is [var sender, ..] ? sender : null,
            ReplyTo = Addresses(headers, "Reply-To", charset, context),
            To = Addresses(headers, "To", charset, context),
            Cc = Addresses(headers, "Cc", charset, context),
            MessageId = Ids(headers, "Message-ID").FirstOrDefault(),
            InReplyTo = Ids(headers, "In-Reply-To").FirstOrDefault(),
            References = Ids(headers, "References"),
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

    /// <summary>Ids of the first field with that name, as <see cref="MimeParser.ReadMessageId"/> reads them; References of all its fields.</summary>
    private static List<string> Ids(HeaderList headers, string name)
    {
        var fields = name == "References" ? headers.All(name) : headers.All(name).Take(1);
        return [.. fields.SelectMany(h => LegacyMessageIds.FromRaw(h.RawValue))];
    }

    private static List<InboundMailbox> Addresses(HeaderList headers, string name, string? charset, ParseContext context)
    {
        var result = new List<InboundMailbox>();
        foreach (var header in headers.All(name))
        {
            // Parsed from the undecoded text: encoded words may become display names, never addr-specs.
            result.AddRange(AddressParser.Parse(HeaderText.Unfold(header.RawValue, charset), context.Limits.MaxEncodedWordsPerHeader));
        }

        return result;
    }
}
