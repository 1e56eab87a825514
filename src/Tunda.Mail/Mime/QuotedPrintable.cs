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
        var input = Encoding.UTF8.GetBytes(text);
        var decoder = new MimeKit.Encodings.QuotedPrintableDecoder();
        var output = new byte[decoder.EstimateOutputLength(input.Length)];
        return output[..decoder.Decode(input, 0, input.Length, output)];
    }
}
