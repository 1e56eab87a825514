namespace Tunda.Mail.Parsing;

/// <summary>Reads a message (RFC 5322 and MIME) from its raw bytes. Never throws on any input.</summary>
public static class MimeParser
{
    /// <param name="raw">The message as received: CRLF, LF or CR line endings, optionally an mbox "From " line first.</param>
    /// <param name="arrivedAt">Used as the date when the Date header is missing or cannot be read.</param>
    public static ParsedMessage Parse(ReadOnlyMemory<byte> raw, DateTimeOffset arrivedAt, MimeParserLimits? limits = null) =>
        throw new NotImplementedException("issue 5: the parser helper implements this");

    /// <summary>
    /// Only the Message-ID (without angle brackets), read from the header block without parsing the
    /// body: what intake needs to deduplicate before storing. Null when absent or unreadable.
    /// </summary>
    public static string? ReadMessageId(ReadOnlyMemory<byte> raw) =>
        throw new NotImplementedException("issue 5: the parser helper implements this");
}
