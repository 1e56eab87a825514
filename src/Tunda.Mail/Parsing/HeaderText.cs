using System.Buffers;

namespace Tunda.Mail.Parsing;

/// <summary>Turns a header value's raw bytes into text: unfolded, 8-bit bytes decoded, trimmed.</summary>
internal static class HeaderText
{
    /// <summary>
    /// The value without its folding line breaks (the blanks after them stay, RFC 5322 section 2.2.3),
    /// 8-bit bytes read as UTF-8, then <paramref name="fallbackCharset"/>, then windows-1252.
    /// Encoded words are left alone: callers decide where they may be decoded.
    /// </summary>
    public static string Unfold(ReadOnlySpan<byte> raw, string? fallbackCharset)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(raw.Length, 1));
        try
        {
            var length = 0;
            foreach (var b in raw)
            {
                if (b is not ((byte)'\r' or (byte)'\n'))
                {
                    buffer[length++] = b is (byte)'\t' or 0 ? (byte)' ' : b;
                }
            }

            return Charsets.DecodeHeader(buffer.AsSpan(0, length).Trim(" "u8), fallbackCharset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>An unstructured value (Subject, Comments...) with its encoded words decoded.</summary>
    public static string Decoded(string unfolded, int maxEncodedWords, out bool overLimit) =>
        EncodedWordDecoder.Decode(unfolded, maxEncodedWords, out overLimit).Trim();
}
