using System.Text;
using MimeKit;

namespace Tunda.Mail;

/// <summary>
/// MimeKit writes text that merely looks like an encoded word ("=?utf-8?b?...?=") as it is, and every
/// reader decodes it on the way in: a display name would show as whatever its author encoded (another
/// address, say). A value holding "=?" is therefore written wholly as encoded words, so it reads back literally.
/// </summary>
internal static class EncodedWordLookalikes
{
    // 45 bytes make 60 base64 characters: with "=?utf-8?b?" and "?=" a word stays within RFC 2047's 75.
    private const int MaxBytesPerWord = 45;

    public static bool In(string? text) => text?.Contains("=?", StringComparison.Ordinal) == true;

    /// <summary>Replaces the value MimeKit wrote for <paramref name="field"/> with <paramref name="text"/> as encoded words.</summary>
    public static void WriteText(HeaderList headers, string field, string text) => SetRaw(headers, field, Words(text));

    /// <summary>Rewrites an address field when a display name needs it; the other mailboxes keep MimeKit's form.</summary>
    public static void WriteMailboxes(HeaderList headers, string field, IReadOnlyList<MailboxAddress> mailboxes)
    {
        if (mailboxes.Any(m => In(m.DisplayName)))
        {
            SetRaw(headers, field, string.Join(",\r\n ", mailboxes.Select(m => In(m.DisplayName)
                ? $"{Words(m.DisplayName!)} <{m.Address}>"
                : m.ToMimeKit().ToString(MimeComposer.WireFormat, encode: true))));
        }
    }

    private static void SetRaw(HeaderList headers, string field, string value) =>
        headers[headers.IndexOf(field)].SetRawValue(Encoding.ASCII.GetBytes($" {value}\r\n"));

    /// <summary>UTF-8 B words, folded one per line; a word never ends inside a character.</summary>
    private static string Words(string text)
    {
        var words = new List<string>();
        var chunk = new List<byte>();
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            if (chunk.Count + length > MaxBytesPerWord)
            {
                words.Add($"=?utf-8?b?{Convert.ToBase64String([.. chunk])}?=");
                chunk.Clear();
            }

            chunk.AddRange(buffer[..length]);
        }

        words.Add($"=?utf-8?b?{Convert.ToBase64String([.. chunk])}?=");
        return string.Join("\r\n ", words);
    }
}
