using System.Buffers;
using System.Text;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// Text read from a received message, made storable: PostgreSQL text and jsonb refuse NUL and
/// UTF-8 cannot encode a lone surrogate, and a decoded subject may hold either (=?utf-8?Q?=00?=).
/// Such a message must still be recorded, not retried into a dead letter.
/// </summary>
internal static class StorableText
{
    public static string Clean(string text)
    {
        var index = FirstBad(text);
        if (index < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length).Append(text, 0, index);
        foreach (var rune in text.AsSpan(index).EnumerateRunes())
        {
            // Invalid UTF-16 comes out of EnumerateRunes as U+FFFD already.
            builder.Append(rune.Value == 0 ? "\uFFFD" : rune.ToString());
        }

        return builder.ToString();
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    public static IReadOnlyList<string> Clean(IReadOnlyList<string> texts) => [.. texts.Select(Clean)];

    // From the first NUL or surrogate on, the text is rebuilt rune by rune (valid pairs survive).
    private static readonly SearchValues<char> Suspicious =
        SearchValues.Create("\0" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private static int FirstBad(string text) => text.AsSpan().IndexOfAny(Suspicious);
}
