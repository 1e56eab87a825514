using MimeKit;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Turns MimeKit's tree of one message into Tunda's <see cref="MimeEntity"/> tree, enforcing the limits
/// MimeKit does not: parts, header fields and encoded words are counted while walking, and once a limit
/// is passed the walk stops, keeping what it has read.
/// </summary>
internal sealed class EntityReader(ParseContext context)
{
    public MimeEntity Read(MimeKit.MimeEntity source, int depth)
    {
        var limits = context.Limits;
        var headers = Headers(source.Headers);
        var contentType = Readable(source) ? Type(source.ContentType) : ContentType.TextPlain;
        var disposition = source.ContentDisposition is { } d ? new ContentType(d.Disposition.ToLowerInvariant(), "", Parameters(d.Parameters)) : null;
        var contentId = string.IsNullOrWhiteSpace(source.ContentId) ? null : source.ContentId;
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

        switch (source)
        {
            case Multipart { Count: > 0 } multipart:
                return new MimeEntity { Headers = headers, ContentType = contentType, Disposition = disposition, ContentId = contentId, Children = Children(multipart, depth) };
            case Multipart multipart:
                // No boundary, or one that never occurs: MimeKit keeps the body as the preamble, and it is read as the text it most likely is.
                context.Problem($"A {contentType.MimeType} part has no usable boundary; it was read as plain text.");
                return Leaf(source, headers, new ContentType("text", "plain", contentType.Parameters), disposition, contentId, System.Text.Encoding.UTF8.GetBytes(multipart.Preamble ?? ""), depth);
            case MessagePart { Message: { } message } part:
                return Leaf(source, headers, contentType, disposition, contentId, context.OriginalBytes(message), depth, IsMessage(part.ContentType) ? message : null);
            case MimePart part:
                return Leaf(source, headers, contentType, disposition, contentId, EntityBytes.Decoded(part), depth);
            default:
                return entity;
        }
    }

    private List<MimeEntity> Children(Multipart multipart, int depth)
    {
        var children = new List<MimeEntity>(multipart.Count);
        foreach (var child in multipart)
        {
            if (context.Parts >= context.Limits.MaxParts)
            {
                QuarantineForParts();
            }

            if (context.Stopped)
            {
                break;
            }

            children.Add(Read(child, depth + 1));
        }

        return children;
    }

    private MimeEntity Leaf(MimeKit.MimeEntity source, HeaderList headers, ContentType contentType, ContentType? disposition, string? contentId, byte[] content, int depth, MimeMessage? embedded = null)
    {
        // A message sent base64- or QP-encoded is a plain part to MimeKit: it is read once decoded.
        if (embedded is null && IsMessage(contentType) && content.Length > 0)
        {
            try
            {
                embedded = context.Load(content);
            }
            catch (FormatException)
            {
                context.Problem("An attached message cannot be read; it is kept as a file.");
            }
        }

        return new MimeEntity
        {
            Headers = headers,
            ContentType = contentType,
            Disposition = disposition,
            ContentId = contentId,
            Content = content,
            Text = contentType.MediaType == "text" ? TextDecoding.Body(content, source.ContentType).ReplaceLineEndings("\n") : null,
            EmbeddedMessage = embedded is null ? null : MessageReader.Read(embedded, depth + 1, context),
        };
    }

    public HeaderList Headers(MimeKit.HeaderList source)
    {
        var limits = context.Limits;
        if (source.Count > limits.MaxHeaderCount)
        {
            context.Quarantine($"The message has more than {limits.MaxHeaderCount} header fields in one header block (limit MaxHeaderCount).");
        }

        var headers = new List<MessageHeader>(Math.Min(source.Count, limits.MaxHeaderCount));
        foreach (var header in source.Take(limits.MaxHeaderCount))
        {
            // MimeKit keeps a line without a colon as a field named after the whole line.
            if (header.Field.Length == 0 || header.Field.AsSpan().IndexOfAnyExceptInRange('!', '~') >= 0)
            {
                context.Problem("A header line without a field name was skipped.");
                continue;
            }

            if (EncodedWordCount.Of(header.RawValue) > limits.MaxEncodedWordsPerHeader)
            {
                context.Quarantine($"The {header.Field} header has more than {limits.MaxEncodedWordsPerHeader} encoded words (limit MaxEncodedWordsPerHeader).");
            }

            headers.Add(new MessageHeader(header.Field, WithoutLineEnd(header.RawValue), TextDecoding.Header(header.Value)));
        }

        return new HeaderList(headers);
    }

    /// <summary>RFC 2045 section 5.2: a Content-Type that cannot be read makes the part plain text.</summary>
    private bool Readable(MimeKit.MimeEntity source) =>
        source is Multipart or MessagePart || source.Headers.FirstOrDefault(h => h.Id == HeaderId.ContentType) is not { } field
        || MimeKit.ContentType.TryParse(ReaderOptions.For(context.Limits), field.RawValue, out var parsed) && parsed.MediaSubtype.Length > 0;

    /// <summary>MimeKit keeps the line end after a field's value; Tunda's raw value ends with the value.</summary>
    private static byte[] WithoutLineEnd(byte[] rawValue) =>
        rawValue.AsSpan().EndsWith("\r\n"u8) ? rawValue[..^2] : rawValue.AsSpan().EndsWith("\n"u8) ? rawValue[..^1] : rawValue;

    private static ContentType Type(MimeKit.ContentType type) =>
        new(type.MediaType.ToLowerInvariant(), type.MediaSubtype.ToLowerInvariant(), Parameters(type.Parameters));

    private static Dictionary<string, string> Parameters(ParameterList parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            result.TryAdd(parameter.Name, parameter.Value);
        }

        return result;
    }

    private static bool IsMessage(MimeKit.ContentType type) => type.IsMimeType("message", "rfc822") || type.IsMimeType("message", "global");

    private static bool IsMessage(ContentType type) => type.Is("message", "rfc822") || type.Is("message", "global");

    private void QuarantineForParts() => context.Quarantine($"The message has more than {context.Limits.MaxParts} MIME parts (limit MaxParts).");
}
