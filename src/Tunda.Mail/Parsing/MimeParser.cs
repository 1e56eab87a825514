namespace Tunda.Mail.Parsing;

/// <summary>Reads a message (RFC 5322 and MIME) from its raw bytes. Never throws on any input.</summary>
public static class MimeParser
{
    /// <param name="raw">The message as received: CRLF, LF or CR line endings, optionally an mbox "From " line first.</param>
    /// <param name="arrivedAt">Used as the date when the Date header is missing or cannot be read.</param>
    public static ParsedMessage Parse(ReadOnlyMemory<byte> raw, DateTimeOffset arrivedAt, MimeParserLimits? limits = null)
    {
        var context = new ParseContext(limits ?? MimeParserLimits.Default, arrivedAt);
        try
        {
            if (raw.Length > context.Limits.MaxMessageBytes)
            {
                context.Quarantine($"The message is {raw.Length} bytes, more than the {context.Limits.MaxMessageBytes} bytes allowed (limit MaxMessageBytes).");
            }

            return LegacyMessageReader.Read(raw, 0, context);
        }
#pragma warning disable CA1031 // The last resort of a parser that must never fail: the message is still kept, quarantined.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Quarantine($"The parser failed ({e.GetType().Name}: {e.Message}); the message needs a person to look at it.");
            return new ParsedMessage
            {
                Headers = HeaderList.Empty,
                Body = new MimeEntity { Headers = HeaderList.Empty, ContentType = ContentType.TextPlain, Content = raw.ToArray() },
                Date = arrivedAt,
                Problems = [.. context.Problems],
                QuarantineReason = context.QuarantineReason,
            };
        }
    }

    /// <summary>
    /// Only the Message-ID (without angle brackets), read from the header block without parsing the
    /// body: what intake needs to deduplicate before storing. Null when absent or unreadable.
    /// </summary>
    public static string? ReadMessageId(ReadOnlyMemory<byte> raw)
    {
        var span = raw.Span;
        var block = HeaderBlockReader.Read(span, skipMboxLine: true, MimeParserLimits.Default.MaxHeaderCount);
        foreach (var field in block.Fields)
        {
            if (field.Name.Equals("Message-ID", StringComparison.OrdinalIgnoreCase))
            {
                return LegacyMessageIds.FromRaw(span[field.ValueStart..field.ValueEnd]) is [var id, ..] ? id : null;
            }
        }

        return null;
    }
}
