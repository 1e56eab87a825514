using System.Text;
using System.Text.RegularExpressions;

namespace Tunda.Mail;

/// <summary>RFC 2047 encoded words for non-ASCII text in headers (UTF-8, B encoding).</summary>
public static partial class EncodedWords
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
    /// Decodes the encoded words in a header value (B and Q, UTF-8 or any charset .NET knows);
    /// whitespace between adjacent encoded words is dropped, as RFC 2047 section 6.2 asks.
    /// Malformed words are left as they are.
    /// </summary>
    public static string Decode(string value)
    {
        var result = new StringBuilder();
        var last = 0;
        var previousWasWord = false;
        foreach (Match match in WordPattern().Matches(value))
        {
            var between = value[last..match.Index];
            var decoded = TryDecode(match);
            if (decoded is null)
            {
                continue;
            }

            if (!(previousWasWord && string.IsNullOrWhiteSpace(between)))
            {
                result.Append(between);
            }

            result.Append(decoded);
            last = match.Index + match.Length;
            previousWasWord = true;
        }

        return result.Append(value[last..]).ToString();
    }

    /// <summary>Base64 turns 3 bytes into 4 characters: the most bytes whose encoding fits between prefix and suffix.</summary>
    private static int MaxBytesFor(int wordLength) => (wordLength - Prefix.Length - Suffix.Length) / 4 * 3;

    private static string Word(List<byte> bytes) => Prefix + Convert.ToBase64String(bytes.ToArray()) + Suffix;

    private static string? TryDecode(Match match)
    {
        try
        {
            var encoding = Encoding.GetEncoding(match.Groups["charset"].Value.Split('*')[0]);
            var text = match.Groups["text"].Value;
            var bytes = match.Groups["encoding"].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(text)
                : QuotedPrintable.Decode(text.Replace('_', ' '));
            return encoding.GetString(bytes);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"=\?(?<charset>[^?\s]+)\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex WordPattern();
}
