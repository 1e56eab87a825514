using System.Text;
using System.Text.Unicode;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Text as senders meant it. Labels that promise Latin-1 are read as windows-1252, because that is what
/// the senders' software actually wrote (smart quotes, the euro sign); an unknown or missing label, or
/// ASCII carrying 8-bit bytes, reads valid UTF-8 as UTF-8 and anything else as windows-1252.
/// </summary>
internal static class TextDecoding
{
    private const int Latin1CodePage = 28591;

    public static string Body(byte[] content, MimeKit.ContentType type)
    {
        if (content.Length == 0)
        {
            return "";
        }

        var declared = type.CharsetEncoding;
        if (declared is null || type.Charset?.Trim().Trim('"').ToLowerInvariant() is "us-ascii" or "ascii")
        {
            return Utf8.IsValid(content) ? Encoding.UTF8.GetString(content) : ReaderOptions.Windows1252.GetString(content);
        }

        return (declared.CodePage == Latin1CodePage ? ReaderOptions.Windows1252 : declared).GetString(content);
    }

    /// <summary>
    /// Header text MimeKit decoded from an encoded word labelled ISO-8859-1: its C1 control characters
    /// (U+0080 to U+009F, never written on purpose) are the windows-1252 characters the sender meant.
    /// </summary>
    public static string Header(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0080', '\u009f'))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c is >= '\u0080' and <= '\u009f' ? ReaderOptions.Windows1252.GetString([(byte)c]) : c);
        }

        return result.ToString();
    }
}
