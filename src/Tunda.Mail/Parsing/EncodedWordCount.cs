using System.Text;
using System.Text.RegularExpressions;

namespace Tunda.Mail.Parsing;

/// <summary>Counts the RFC 2047 encoded words in a raw header value, for the MaxEncodedWordsPerHeader limit.</summary>
internal static partial class EncodedWordCount
{
    public static int Of(byte[] rawValue) =>
        rawValue.AsSpan().IndexOf("=?"u8) < 0 ? 0 : EncodedWord().Count(Encoding.Latin1.GetString(rawValue));

    // Non-backtracking: a hostile header costs time linear in its length.
    [GeneratedRegex(@"=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=", RegexOptions.NonBacktracking)]
    private static partial Regex EncodedWord();
}
