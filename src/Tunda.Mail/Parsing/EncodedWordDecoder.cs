using System.Text;

namespace Tunda.Mail.Parsing;

/// <summary>
/// RFC 2047 decoding in one linear scan. Adjacent words of the same charset are joined as bytes before
/// decoding, so a character whose bytes were split across two words survives. A malformed word stays
/// as literal text; so does one in a charset .NET does not know, unless <paramref name="readUnknownCharsets"/>
/// asks to read it as received mail's text is read (valid UTF-8, else windows-1252).
/// </summary>
internal static class EncodedWordDecoder
{
    public static string Decode(string value, int maxWords, out bool overLimit, bool readUnknownCharsets = true)
    {
        overLimit = false;
        var start = value.IndexOf("=?", StringComparison.Ordinal);
        if (start < 0)
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var pending = new List<byte>();
        string? pendingCharset = null;
        var last = 0;
        var words = 0;
        for (var at = start; at >= 0 && at < value.Length; at = value.IndexOf("=?", at, StringComparison.Ordinal))
        {
            if (!TryReadWord(value, at, readUnknownCharsets, out var end, out var charset, out var bytes))
            {
                at += 2;
                continue;
            }

            if (++words > maxWords)
            {
                overLimit = true;
                break;
            }

            var between = value.AsSpan(last, at - last);
            var adjacent = pendingCharset is not null && between.IsWhiteSpace();
            if (!(adjacent && SameCharset(pendingCharset!, charset)))
            {
                Flush(result, pending, ref pendingCharset);
                if (!adjacent)
                {
                    result.Append(between);
                }
            }

            pending.AddRange(bytes);
            pendingCharset = charset;
            last = end;
            at = end;
        }

        Flush(result, pending, ref pendingCharset);
        return result.Append(value.AsSpan(last)).ToString();
    }

    private static bool SameCharset(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase) || (Charsets.Find(a) is { } x && Charsets.Find(b) is { } y && x.CodePage == y.CodePage);

    private static void Flush(StringBuilder result, List<byte> pending, ref string? charset)
    {
        if (charset is null)
        {
            return;
        }

        foreach (var c in Charsets.Decode([.. pending], charset))
        {
            // A decoded line break or NUL must never reach a header or a log line as such.
            result.Append(c is '\r' or '\n' or '\0' ? ' ' : c);
        }

        pending.Clear();
        charset = null;
    }

    /// <summary>Reads "=?charset?B|Q?text?=" at <paramref name="at"/>; no whitespace may occur inside a word.</summary>
    private static bool TryReadWord(string value, int at, bool readUnknownCharsets, out int end, out string charset, out byte[] bytes)
    {
        end = 0;
        charset = "";
        bytes = [];
        var charsetEnd = IndexOfQuestionMark(value, at + 2);
        if (charsetEnd <= at + 2 || charsetEnd + 2 >= value.Length || value[charsetEnd + 2] != '?')
        {
            return false;
        }

        var kind = char.ToUpperInvariant(value[charsetEnd + 1]);
        var textStart = charsetEnd + 3;
        var textEnd = IndexOfQuestionMark(value, textStart);
        if (kind is not ('B' or 'Q') || textEnd < 0 || textEnd + 1 >= value.Length || value[textEnd + 1] != '=')
        {
            return false;
        }

        var label = value[(at + 2)..charsetEnd];
        if (!readUnknownCharsets && Charsets.Find(label) is null)
        {
            return false;
        }

        var raw = Encoding.UTF8.GetBytes(value[textStart..textEnd]);
        bytes = kind == 'B' ? TransferDecoding.Base64(raw) : TransferDecoding.QuotedPrintable(raw, underscoreIsSpace: true);
        charset = label;
        end = textEnd + 2;
        return true;
    }

    /// <summary>The next '?', or -1 when whitespace (or the end) comes first.</summary>
    private static int IndexOfQuestionMark(string value, int from)
    {
        for (var i = from; i < value.Length; i++)
        {
            if (value[i] == '?')
            {
                return i;
            }

            if (char.IsWhiteSpace(value[i]))
            {
                return -1;
            }
        }

        return -1;
    }
}
