using System.Text;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Some mailers start the body right after the last header, with no blank line between. MimeKit then reads
/// the body's lines as broken header lines and drops them, so the text is lost. The first line of the
/// header block that cannot be a field (no name and colon, not a folded continuation) starts the body,
/// unless a field only a header block holds (From, Date, Message-ID, ...) follows it before the first blank
/// line: then it is one broken line inside the header block, and MimeKit skips it as before.
/// </summary>
internal static class MissingBlankLine
{
    private static readonly HashSet<string> HeaderOnlyFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "Reply-To",
        "Sender", "Return-Path", "Received", "MIME-Version", "DKIM-Signature", "Authentication-Results",
        "User-Agent", "Delivered-To", "Precedence", "Auto-Submitted", "Importance", "Organization",
    };

    /// <summary>Families of fields no one starts a line of prose with.</summary>
    private static readonly string[] HeaderOnlyPrefixes = ["X-", "Content-", "List-", "ARC-", "Resent-", "Received-", "Thread-"];

    /// <summary>The message with a line break inserted where its body starts, or null when its header block ends properly.</summary>
    /// <param name="message">A whole message whose lines end in LF (CRLF or LF).</param>
    public static byte[]? Repaired(ReadOnlySpan<byte> message)
    {
        if (BodyStart(message) is not { } start)
        {
            return null;
        }

        var lineBreak = start >= 2 && message[start - 2] == '\r' ? "\r\n"u8 : "\n"u8;
        return [.. message[..start], .. lineBreak, .. message[start..]];
    }

    /// <summary>Where the first line that starts the body lies, when the header block has no blank line to end it.</summary>
    private static int? BodyStart(ReadOnlySpan<byte> message)
    {
        var offset = message.StartsWith("From "u8) ? NextLine(message, 0) : 0;
        var first = true;
        while (offset < message.Length)
        {
            var line = Line(message, offset);
            if (line.IsEmpty)
            {
                return null;
            }

            // The first line is left alone: a message that opens with a broken line has no header block to end.
            if (!first && !IsContinuation(line) && !IsField(line, out _))
            {
                return HeaderOnlyFieldFollows(message, NextLine(message, offset)) && !line.StartsWith("--"u8) ? null : offset;
            }

            first = false;
            offset = NextLine(message, offset);
        }

        return null;
    }

    private static bool HeaderOnlyFieldFollows(ReadOnlySpan<byte> message, int offset)
    {
        while (offset < message.Length)
        {
            var line = Line(message, offset);
            if (line.IsEmpty || line.StartsWith("--"u8))
            {
                return false;
            }

            if (IsField(line, out var name) && IsHeaderOnly(Encoding.ASCII.GetString(name)))
            {
                return true;
            }

            offset = NextLine(message, offset);
        }

        return false;
    }

    private static bool IsHeaderOnly(string name) =>
        HeaderOnlyFields.Contains(name) || HeaderOnlyPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the line starts with a field's name: printable ASCII but the colon, optional blanks (obsolete syntax), a colon.</summary>
    private static bool IsField(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name)
    {
        var colon = line.IndexOf((byte)':');
        name = colon <= 0 ? default : line[..colon].TrimEnd(" \t"u8);
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var b in name)
        {
            if (b is < 33 or > 126)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsContinuation(ReadOnlySpan<byte> line) => line[0] is (byte)' ' or (byte)'\t';

    /// <summary>The line at <paramref name="offset"/> without its line end.</summary>
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> message, int offset)
    {
        var rest = message[offset..];
        var end = rest.IndexOf((byte)'\n');
        var line = end < 0 ? rest : rest[..end];
        return line.EndsWith("\r"u8) ? line[..^1] : line;
    }

    private static int NextLine(ReadOnlySpan<byte> message, int offset)
    {
        var end = message[offset..].IndexOf((byte)'\n');
        return end < 0 ? message.Length : offset + end + 1;
    }
}
