namespace Tunda.Mail.Parsing;

/// <summary>
/// Reads one entity (a message or a part) and, below it, its parts and embedded messages. Every
/// slice is a view of the original bytes; only leaf contents are copied, once transfer-decoded.
/// </summary>
internal sealed class MimeTreeReader(ParseContext context)
{
    private static readonly ContentType MessageRfc822 = new("message", "rfc822", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    public MimeEntity ReadEntity(ReadOnlyMemory<byte> data, int depth, bool isMessage, ContentType defaultType, string? inheritedCharset)
    {
        var limits = context.Limits;
        var block = HeaderBlockReader.Read(data.Span, skipMboxLine: isMessage, limits.MaxHeaderCount);
        foreach (var problem in block.Problems)
        {
            context.Problem(problem);
        }

        if (block.TooManyFields)
        {
            context.Quarantine($"The message has more than {limits.MaxHeaderCount} header fields in one header block (limit MaxHeaderCount).");
        }

        var contentType = ReadContentType(data.Span, block, defaultType);
        var charset = contentType.Charset ?? inheritedCharset;
        var headers = ReadHeaders(data.Span, block, charset);
        // Parameters are parsed before encoded words are decoded, so a decoded quote or ';' cannot end a file name early.
        var disposition = headers.All("Content-Disposition").FirstOrDefault() is { } d ? ContentTypeReader.ReadDisposition(HeaderText.Unfold(d.RawValue, charset)) : null;
        var contentId = LegacyMessageIds.First(headers["Content-ID"]);
        var body = data[block.BodyStart..];

        context.Parts++;
        if (context.Parts > limits.MaxParts)
        {
            QuarantineForParts();
        }

        if (depth > limits.MaxNestingDepth)
        {
            context.Quarantine($"The message nests parts or messages more than {limits.MaxNestingDepth} levels deep (limit MaxNestingDepth).");
        }

        var entity = new MimeEntity { Headers = headers, ContentType = contentType, Disposition = disposition, ContentId = contentId };
        if (context.Stopped)
        {
            return entity;
        }

        if (contentType.MediaType == "multipart")
        {
            var children = ReadChildren(body, depth, contentType, charset);
            if (children is not null)
            {
                return new MimeEntity { Headers = headers, ContentType = contentType, Disposition = disposition, ContentId = contentId, Children = children };
            }

            contentType = new ContentType("text", "plain", contentType.Parameters);
        }

        return ReadLeaf(body, depth, headers, contentType, disposition, contentId);
    }

    private List<MimeEntity>? ReadChildren(ReadOnlyMemory<byte> body, int depth, ContentType contentType, string? charset)
    {
        var boundary = contentType.Boundary?.Trim();
        if (string.IsNullOrEmpty(boundary))
        {
            context.Problem($"A {contentType.MimeType} part has no boundary parameter; it was read as plain text.");
            return null;
        }

        var ranges = MultipartSplitter.Split(body.Span, boundary, out var closed);
        if (ranges is null)
        {
            context.Problem($"The boundary of a {contentType.MimeType} part never occurs; it was read as plain text.");
            return null;
        }

        if (!closed)
        {
            context.Problem($"A {contentType.MimeType} part has no closing boundary; its last part runs to the end.");
        }

        var childType = contentType.SubType == "digest" ? MessageRfc822 : ContentType.TextPlain;
        var children = new List<MimeEntity>(ranges.Count);
        foreach (var range in ranges)
        {
            if (context.Parts >= context.Limits.MaxParts)
            {
                QuarantineForParts();
            }

            if (context.Stopped)
            {
                break;
            }

            children.Add(ReadEntity(body[range], depth + 1, isMessage: false, childType, charset));
        }

        return children;
    }

    private MimeEntity ReadLeaf(ReadOnlyMemory<byte> body, int depth, HeaderList headers, ContentType contentType, ContentType? disposition, string? contentId)
    {
        var content = TransferDecoding.Decode(body.Span, headers["Content-Transfer-Encoding"]);
        ParsedMessage? embedded = null;
        if (contentType.MediaType == "message" && contentType.SubType is "rfc822" or "global")
        {
            embedded = LegacyMessageReader.Read(content, depth + 1, context);
        }

        var text = contentType.MediaType == "text" ? Charsets.Decode(content, contentType.Charset).ReplaceLineEndings("\n") : null;
        return new MimeEntity
        {
            Headers = headers,
            ContentType = contentType,
            Disposition = disposition,
            ContentId = contentId,
            Content = content,
            Text = text,
            EmbeddedMessage = embedded,
        };
    }

    private ContentType ReadContentType(ReadOnlySpan<byte> data, HeaderBlock block, ContentType defaultType)
    {
        foreach (var field in block.Fields)
        {
            if (field.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                var value = HeaderText.Unfold(data[field.ValueStart..field.ValueEnd], null);
                if (ContentTypeReader.ReadContentType(value) is { } type)
                {
                    return type;
                }

                context.Problem($"The Content-Type \"{Shorten(value)}\" cannot be read; the part was read as plain text.");
                return ContentType.TextPlain;
            }
        }

        return defaultType;
    }

    private HeaderList ReadHeaders(ReadOnlySpan<byte> data, HeaderBlock block, string? charset)
    {
        var headers = new List<MessageHeader>(block.Fields.Count);
        foreach (var field in block.Fields)
        {
            var raw = data[field.ValueStart..field.ValueEnd];
            var value = HeaderText.Decoded(HeaderText.Unfold(raw, charset), context.Limits.MaxEncodedWordsPerHeader, out var overLimit);
            if (overLimit)
            {
                context.Quarantine($"The {field.Name} header has more than {context.Limits.MaxEncodedWordsPerHeader} encoded words (limit MaxEncodedWordsPerHeader).");
            }

            headers.Add(new MessageHeader(field.Name, raw.ToArray(), value));
        }

        return new HeaderList(headers);
    }

    private void QuarantineForParts() => context.Quarantine($"The message has more than {context.Limits.MaxParts} MIME parts (limit MaxParts).");

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "...";
}
