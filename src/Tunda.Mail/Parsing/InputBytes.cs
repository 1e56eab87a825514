using System.Runtime.InteropServices;

namespace Tunda.Mail.Parsing;

/// <summary>What is done to the raw bytes before MimeKit reads them.</summary>
internal static class InputBytes
{
    /// <summary>
    /// Old Mac mailers end lines with a lone CR, which MimeKit does not take for a line end; such a
    /// message (no LF anywhere) has its CRs turned into LFs. Anything with an LF is left as it is.
    /// </summary>
    public static ReadOnlyMemory<byte> WithLineFeeds(ReadOnlyMemory<byte> raw)
    {
        var span = raw.Span;
        if (span.Contains((byte)'\n') || !span.Contains((byte)'\r'))
        {
            return raw;
        }

        var copy = span.ToArray();
        copy.AsSpan().Replace((byte)'\r', (byte)'\n');
        return copy;
    }

    /// <summary>
    /// An mbox "From " envelope line before the header block: MimeKit skips it when it reads a whole
    /// message, not when it reads only the header block.
    /// </summary>
    public static ReadOnlyMemory<byte> WithoutMboxLine(ReadOnlyMemory<byte> raw)
    {
        if (!raw.Span.StartsWith("From "u8))
        {
            return raw;
        }

        var end = raw.Span.IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? ReadOnlyMemory<byte>.Empty : raw[(end + 1)..];
    }

    public static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
