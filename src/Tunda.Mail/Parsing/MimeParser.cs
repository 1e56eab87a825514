using MimeKit;

namespace Tunda.Mail.Parsing;

/// <summary>Reads a message (RFC 5322 and MIME) from its raw bytes with MimeKit. Never throws on any input.</summary>
public static class MimeParser
{
    /// <param name="raw">The message as received: CRLF, LF or CR line endings, optionally an mbox "From " line first.</param>
    /// <param name="arrivedAt">Used as the date when the Date header is missing or cannot be read.</param>
    public static ParsedMessage Parse(ReadOnlyMemory<byte> raw, DateTimeOffset arrivedAt, MimeParserLimits? limits = null)
    {
        var context = new ParseContext(limits ?? MimeParserLimits.Default, arrivedAt);
        var options = ReaderOptions.For(context.Limits);
        try
        {
            // The size is checked before MimeKit sees the bytes: a message over the limit has only its header block read.
            if (raw.Length > context.Limits.MaxMessageBytes)
            {
                context.Quarantine($"The message is {raw.Length} bytes, more than the {context.Limits.MaxMessageBytes} bytes allowed (limit MaxMessageBytes).");
                return MessageReader.Read(HeaderBlock(raw, options), null, 0, context);
            }

            return MessageReader.Read(context.Load(Repaired(raw, context)), 0, context);
        }
#pragma warning disable CA1031 // The last resort of a parser that must never fail: the message is still kept, quarantined.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Quarantine($"The message cannot be read ({e.GetType().Name}: {e.Message}); it needs a person to look at it.");
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
        try
        {
            var headers = HeaderBlock(raw, ReaderOptions.For(MimeParserLimits.Default));
            return headers.FirstOrDefault(h => h.Id == HeaderId.MessageId) is { } field ? MessageIds.Of(field.RawValue) : null;
        }
        catch (FormatException)
        {
            // A header block MimeKit accepts only as part of a whole message (it opens with a broken line).
            return Parse(raw, DateTimeOffset.UnixEpoch).MessageId;
        }
    }

    /// <summary>Only the header block (MimeKit stops reading at its end), read as the whole message's is.</summary>
    private static MimeKit.HeaderList HeaderBlock(ReadOnlyMemory<byte> raw, ParserOptions options) =>
        new MimeKit.MimeParser(options, InputBytes.AsStream(InputBytes.WithoutMboxLine(Repaired(raw, null))), MimeFormat.Entity).ParseHeaders();

    /// <summary>The bytes MimeKit reads: line ends it understands, and a blank line where the header block lacks one.</summary>
    private static ReadOnlyMemory<byte> Repaired(ReadOnlyMemory<byte> raw, ParseContext? context)
    {
        var input = InputBytes.WithLineFeeds(raw);
        if (MissingBlankLine.Repaired(input.Span) is not { } repaired)
        {
            return input;
        }

        context?.Problem("No blank line ends the header block; the body was taken to start at the first line that is not a header field.");
        return repaired;
    }
}
