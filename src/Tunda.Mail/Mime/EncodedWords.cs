using System.Text;

namespace Tunda.Mail;

/// <summary>RFC 2047 encoded words for non-ASCII text in headers (UTF-8, B encoding).</summary>
public static class EncodedWords
{
    /// <summary>An encoded word may be at most 75 characters (RFC 2047 section 2).</summary>
    public const int MaxWordLength = 75;

    private const string Prefix = "=?UTF-8?B?";
    private const string Suffix = "?=";

    // The smallest word that still holds any one character (4 UTF-8 bytes, 8 base64 characters).
    private const int MinWordLength = 20;

    /// <summary>
    /// Encodes <paramref name="text"/> as one or more encoded words. A word always ends on a whole
    /// character, so no UTF-8 sequence is split between two words. <paramref name="firstWordLength"/>
    /// shortens the first word so it fits on the line that starts with the field name.
    /// </summary>
    public static IReadOnlyList<string> Encode(string text, int firstWordLength = MaxWordLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var chunk = new List<byte>();
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            var wordLength = words.Count == 0 ? Math.Clamp(firstWordLength, MinWordLength, MaxWordLength) : MaxWordLength;
            if (chunk.Count + length > MaxBytesFor(wordLength))
            {
                words.Add(Word(chunk));
                chunk.Clear();
            }

            chunk.AddRange(buffer[..length]);
        }

        if (chunk.Count > 0 || words.Count == 0)
        {
            words.Add(Word(chunk));
        }

        return words;
    }

    /// <summary>
    /// Decodes the encoded words in a header value (B and Q, any charset .NET knows); adjacent words
    /// are joined before decoding, as RFC 2047 section 6.2 asks. Malformed words, and words in a charset
    /// .NET does not know, are left as they are (the parser of received mail reads those too).
    /// </summary>
    public static string Decode(string value) => MimeKit.Utils.Rfc2047.DecodeText(Encoding.UTF8.GetBytes(value));

    /// <summary>Base64 turns 3 bytes into 4 characters: the most bytes whose encoding fits between prefix and suffix.</summary>
    private static int MaxBytesFor(int wordLength) => (wordLength - Prefix.Length - Suffix.Length) / 4 * 3;

    private static string Word(List<byte> bytes) => Prefix + Convert.ToBase64String(bytes.ToArray()) + Suffix;
}
