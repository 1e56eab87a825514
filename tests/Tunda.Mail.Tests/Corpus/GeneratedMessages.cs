using System.Globalization;
using System.Text;

namespace Tunda.Mail.Tests.Corpus;

/// <summary>
/// Messages too large to commit, built deterministically in code: an 11 MB message (within the size limit,
/// so it must be read in full), nesting past the depth limit and a subject past the encoded-word limit
/// (both quarantined, never a failure).
/// </summary>
internal static class GeneratedMessages
{
    public const string Large = "large-11-megabyte-backup";
    public const string DeepNesting = "nesting-40-levels";
    public const string ManyEncodedWords = "subject-of-2000-encoded-words";

    public const int LargeAttachmentBytes = 8_500_000;

    public static IReadOnlyList<string> Names { get; } = [Large, DeepNesting, ManyEncodedWords];

    public static (byte[] Raw, string ExpectedJson) Build(string name) => name switch
    {
        Large => (LargeMessage(), $$"""
            {"subject": "Backup completo del sito", "from": ["elena.costa@example.it"], "textStartsWith": "Vi mando il backup completo del sito.",
             "attachments": [{"name": "backup-sito.tar.gz", "size": {{LargeAttachmentBytes}}, "inline": false}], "quarantined": false, "kind": "Personal"}
            """),
        DeepNesting => (DeepMessage(40), """{"subject": "Matrioska di 40 livelli", "from": ["anon@example.net"], "quarantined": true, "kind": "Personal"}"""),
        ManyEncodedWords => (EncodedWordsMessage(2_000), """{"from": ["anon@example.net"], "quarantined": true, "kind": "Personal"}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such generated message"),
    };

    public static byte[] LargeMessage()
    {
        var attachment = new byte[LargeAttachmentBytes];
        var state = 0x2545F491u;
        for (var i = 0; i < attachment.Length; i++)
        {
            // xorshift: incompressible-looking bytes that are the same on every run
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            attachment[i] = (byte)state;
        }

        var text = new StringBuilder(Headers("Elena Costa <elena.costa@example.it>", "Backup completo del sito", "large-11mb@example.it"));
        text.Append("Content-Type: multipart/mixed; boundary=\"large-boundary\"\r\n\r\n");
        text.Append("--large-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVi mando il backup completo del sito.\r\n");
        text.Append("--large-boundary\r\nContent-Type: application/gzip\r\nContent-Disposition: attachment; filename=\"backup-sito.tar.gz\"\r\n");
        text.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        text.Append(Convert.ToBase64String(attachment, Base64FormattingOptions.InsertLineBreaks));
        text.Append("\r\n--large-boundary--\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public static byte[] DeepMessage(int depth)
    {
        var text = new StringBuilder(Headers("Anonimo <anon@example.net>", $"Matrioska di {depth} livelli", $"deep-{depth}@example.net"));
        text.Append("Content-Type: multipart/mixed; boundary=\"level0\"\r\n\r\n");
        for (var level = 0; level < depth; level++)
        {
            text.Append(CultureInfo.InvariantCulture, $"--level{level}\r\nContent-Type: multipart/mixed; boundary=\"level{level + 1}\"\r\n\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"--level{depth}\r\nContent-Type: text/plain\r\n\r\nIn fondo.\r\n--level{depth}--\r\n");
        for (var level = depth - 1; level >= 0; level--)
        {
            text.Append(CultureInfo.InvariantCulture, $"--level{level}--\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public static byte[] EncodedWordsMessage(int words)
    {
        var subject = string.Join("\r\n ", Enumerable.Range(0, words).Select(i => $"=?utf-8?q?parola_{i}?="));
        var text = new StringBuilder(Headers("Anonimo <anon@example.net>", subject, "words-2000@example.net"));
        text.Append("Content-Type: text/plain; charset=utf-8\r\n\r\nTroppe parole.\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static string Headers(string from, string subject, string messageId) =>
        $"From: {from}\r\nTo: support@tunda.it\r\nSubject: {subject}\r\nDate: Thu, 03 Dec 2026 08:15:00 +0100\r\nMessage-ID: <{messageId}>\r\nMIME-Version: 1.0\r\n";
}
