using System.Text;
using System.Text.Unicode;

namespace Tunda.Mail.Parsing;

/// <summary>
/// The text of a text part. Labels that promise Latin-1 are read as windows-1252, because that is what
/// the senders' software actually wrote (smart quotes, the euro sign); an unknown or missing label, or
/// ASCII carrying 8-bit bytes, reads valid UTF-8 as UTF-8 and anything else as windows-1252.
/// </summary>
internal static class BodyCharset
{
    private const int Latin1CodePage = 28591;

    public static string Decode(byte[] content, MimeKit.ContentType type)
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
}
