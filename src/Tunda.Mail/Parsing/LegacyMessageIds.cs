namespace Tunda.Mail.Parsing;

/// <summary>Message-ID, In-Reply-To and References: ids without angle brackets, comments and missing brackets tolerated.</summary>
internal static class LegacyMessageIds
{
    public static List<string> Parse(string? value)
    {
        var ids = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return ids;
        }

        var text = ContentTypeReader.WithoutComments(value);
        var pos = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf('<', pos);
            if (open < 0)
            {
                AddBare(ids, text[pos..]);
                break;
            }

            AddBare(ids, text[pos..open]);
            var close = text.IndexOf('>', open + 1);
            var id = (close < 0 ? text[(open + 1)..] : text[(open + 1)..close]).Trim();
            if (id.Length > 0 && !id.Contains(' ', StringComparison.Ordinal))
            {
                ids.Add(id);
            }

            pos = close < 0 ? text.Length : close + 1;
        }

        return ids;
    }

    public static string? First(string? value) => Parse(value) is [var first, ..] ? first : null;

    /// <summary>
    /// Ids straight from a field's raw bytes, ignoring any declared charset and encoded words, so that
    /// <see cref="MimeParser.ReadMessageId"/> and the parsed message always agree (intake deduplicates on one, stores the other).
    /// </summary>
    public static List<string> FromRaw(ReadOnlySpan<byte> raw) => Parse(HeaderText.Unfold(raw, null));

    /// <summary>Ids written without brackets: words that look like left@right (or, alone, any single word).</summary>
    private static void AddBare(List<string> ids, string text)
    {
        var words = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
        {
            if (word.Contains('@', StringComparison.Ordinal) || (words.Length == 1 && ids.Count == 0 && word.Length > 2))
            {
                ids.Add(word.Trim('<', '>'));
            }
        }
    }
}
