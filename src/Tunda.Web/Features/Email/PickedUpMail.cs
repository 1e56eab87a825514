using System.Text;
using Tunda.Mail;

namespace Tunda.Web.Features.Email;

/// <summary>
/// A message file of the pickup folder, read just enough to show it: the headers the composer writes
/// and the text of a single-part body. (Tunda.Mail's parser will read any mail; these are our own.)
/// </summary>
internal sealed record PickedUpMail(string FileName, IReadOnlyDictionary<string, string> Headers, string Source)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public static PickedUpMail Read(string path)
    {
        var source = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        var end = source.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = end < 0 ? source : source[..end];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in headerText.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.TryAdd(line[..colon].Trim(), EncodedWords.Decode(line[(colon + 1)..].Trim()));
            }
        }

        return new PickedUpMail(Path.GetFileName(path), headers, source);
    }

    /// <summary>The decoded text of a text/plain body, or null for anything else (multipart: see the source).</summary>
    public string? Text
    {
        get
        {
            var end = Source.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0 || !Header("Content-Type").StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var body = Source[(end + 4)..];
            return Header("Content-Transfer-Encoding").Equals("quoted-printable", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(QuotedPrintable.Decode(body))
                : body;
        }
    }
}
