namespace Tunda.Web.Features.Inbound;

/// <summary>
/// Tells input that cannot be read as a message at all (nothing, no header block, binary data)
/// from mail that is merely broken, which the parser reads tolerantly. Unreadable input is still
/// stored, in quarantine; the pipe then exits 65 and HTTP answers 422.
/// </summary>
public static class UnreadableMail
{
    private const int HeaderScanBytes = 64 * 1024;

    /// <summary>Why <paramref name="raw"/> is not a message, or null when it looks like one.</summary>
    public static string? Reason(ReadOnlySpan<byte> raw)
    {
        var text = raw.TrimStart("\r\n\t "u8);
        if (text.IsEmpty)
        {
            return "unreadable: empty input";
        }

        // An mbox "From " line may come first (a .forward to a program, some MTAs' pipe transports).
        if (text.StartsWith("From "u8))
        {
            var end = text.IndexOfAny((byte)'\r', (byte)'\n');
            text = end < 0 ? [] : text[end..].TrimStart("\r\n"u8);
        }

        if (!StartsWithHeaderField(text))
        {
            return "unreadable: no header block (the first line is not a header field)";
        }

        var header = HeaderBlock(text);
        var controls = 0;
        foreach (var b in header)
        {
            if (b == 0)
            {
                return "unreadable: binary data in the header block";
            }

            // TAB, LF, CR and ESC (ISO-2022-JP headers) are at home in a header; other controls are not.
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x1B))
            {
                controls++;
            }
        }

        return controls > Math.Max(2, header.Length / 100) ? "unreadable: binary data in the header block" : null;
    }

    /// <summary>A field name (printable ASCII but ':'), optional blanks (obsolete syntax), then ':'.</summary>
    private static bool StartsWithHeaderField(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (i < text.Length && text[i] is > 32 and < 127 and not (byte)':')
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }

        return i < text.Length && text[i] == ':';
    }

    private static ReadOnlySpan<byte> HeaderBlock(ReadOnlySpan<byte> text)
    {
        var scanned = text[..Math.Min(text.Length, HeaderScanBytes)];
        var end = scanned.IndexOf("\n\n"u8);
        var crlf = scanned.IndexOf("\r\n\r\n"u8);
        if (crlf >= 0 && (end < 0 || crlf < end))
        {
            end = crlf;
        }

        return end < 0 ? scanned : scanned[..end];
    }
}
