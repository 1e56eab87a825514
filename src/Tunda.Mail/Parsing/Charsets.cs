using System.Text;
using System.Text.Unicode;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Charset labels as mail uses them. Labels that promise Latin-1 or ASCII are read as windows-1252,
/// because that is what the senders' software actually wrote (smart quotes, the euro sign).
/// </summary>
internal static class Charsets
{
    public static readonly Encoding Windows1252;

    private static readonly Encoding Utf8Text = new UTF8Encoding(false, false);

    static Charsets()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>The encoding for a label, or null when .NET does not know it.</summary>
    public static Encoding? Find(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        // RFC 2231 allows a language after '*'; some senders quote the label.
        var name = label.Split('*')[0].Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii" or "us" or "ansi_x3.4-1968" or "cp1252" or "windows-1252":
                return Windows1252;
            case "utf8" or "utf-8" or "unicode-1-1-utf-8":
                return Utf8Text;
            case "":
                return null;
            default:
                break;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return name.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(name[2..], out var page) ? ByCodePage(page) : null;
        }
    }

    /// <summary>
    /// Decodes text declared in <paramref name="label"/>. An unknown or missing label reads valid UTF-8
    /// as UTF-8 and anything else as windows-1252; so does a label of plain ASCII that carries 8-bit bytes.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? label)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }

        var encoding = Find(label);
        var asciiLabel = label is not null && label.Trim().Trim('"').ToLowerInvariant() is "us-ascii" or "ascii";
        if (encoding is null || (asciiLabel && Utf8IfValid(bytes) is not null))
        {
            return Utf8IfValid(bytes) ?? Windows1252.GetString(bytes);
        }

        return encoding.GetString(bytes);
    }

    /// <summary>8-bit header bytes: UTF-8 when valid, then the declared charset, then windows-1252.</summary>
    public static string DecodeHeader(ReadOnlySpan<byte> bytes, string? fallbackLabel)
    {
        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            return Encoding.ASCII.GetString(bytes);
        }

        return Utf8IfValid(bytes) ?? (Find(fallbackLabel) ?? Windows1252).GetString(bytes);
    }

    private static string? Utf8IfValid(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes) ? Utf8Text.GetString(bytes) : null;

    private static Encoding? ByCodePage(int page)
    {
        try
        {
            return Encoding.GetEncoding(page);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
