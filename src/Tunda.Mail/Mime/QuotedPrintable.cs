using System.Text;

namespace Tunda.Mail;

/// <summary>Quoted-printable (RFC 2045 section 6.7) for bodies whose lines are CRLF-terminated.</summary>
public static class QuotedPrintable
{
    private const int MaxLineLength = 76;

    /// <summary>
    /// Encodes bytes whose line breaks are CRLF: those breaks stay hard breaks, lines longer than 76
    /// characters get soft breaks, and whitespace before a break is encoded so no gateway can strip it.
    /// </summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var output = new StringBuilder(bytes.Length * 3 / 2);
        var lineLength = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')
            {
                output.Append("\r\n");
                lineLength = 0;
                i++;
                continue;
            }

            var atLineEnd = i + 1 == bytes.Length || (bytes[i + 1] == '\r' && i + 2 < bytes.Length && bytes[i + 2] == '\n');
            var literal = (b >= 33 && b <= 126 && b != '=') || (b is (byte)' ' or (byte)'\t' && !atLineEnd);
            var token = literal ? ((char)b).ToString() : $"={b:X2}";

            // Keep room for the '=' of a soft break; the last token of a line needs none.
            var limit = atLineEnd ? MaxLineLength : MaxLineLength - 1;
            if (lineLength + token.Length > limit)
            {
                output.Append("=\r\n");
                lineLength = 0;
            }

            output.Append(token);
            lineLength += token.Length;
        }

        return output.ToString();
    }

    /// <summary>Decodes tolerantly: soft breaks removed, a malformed escape kept as it is.</summary>
    public static byte[] Decode(string text)
    {
        var output = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '=')
            {
                output.AddRange(c < 128 ? [(byte)c] : Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            if (i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
            {
                i += 2;
            }
            else if (i + 1 < text.Length && text[i + 1] == '\n')
            {
                i += 1;
            }
            else if (i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                output.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                output.Add((byte)'=');
            }
        }

        return [.. output];
    }
}
