using System.Text;

namespace Tunda.Mail;

/// <summary>
/// Writes header fields folded at 78 characters. A value is given as tokens: folding happens only
/// between tokens (at the single space that joins them), so an encoded word, an address or a quoted
/// string is never cut.
/// </summary>
internal sealed class HeaderWriter
{
    public const int FoldAt = 78;

    /// <summary>RFC 5322 section 2.1.1: no line may be longer than 998 characters (CRLF excluded).</summary>
    public const int MaxLineLength = 998;

    private readonly StringBuilder _text = new();

    public void Add(string name, IEnumerable<string> tokens)
    {
        HeaderValues.CheckFieldName(name);
        _text.Append(name).Append(':');
        var lineLength = name.Length + 1;
        foreach (var token in tokens)
        {
            HeaderValues.RejectLineBreaks(token, name);
            if (lineLength + 1 + token.Length > FoldAt && lineLength > name.Length + 1)
            {
                _text.Append("\r\n");
                lineLength = 0;
            }

            _text.Append(' ').Append(token);
            lineLength += 1 + token.Length;
        }

        _text.Append("\r\n");
    }

    /// <summary>
    /// Free text (Subject, extra fields): ASCII words stay readable; each run of words that needs
    /// encoding (non-ASCII, control characters, "=?", too long for a line) becomes encoded words. The
    /// spaces inside a run are encoded with it, because decoders drop the whitespace between two
    /// adjacent encoded words. With <paramref name="longWordsStayWhole"/> a long ASCII word (a URL in
    /// List-Unsubscribe) is written as it is on a line of its own: a structured field may not hold
    /// encoded words, and a line may be up to 998 characters long (only a longer word is encoded).
    /// </summary>
    public void AddText(string name, string value, bool longWordsStayWhole = false)
    {
        HeaderValues.RejectLineBreaks(value, name);
        var words = value.Length == 0 ? [] : value.Split(' ');
        var tokens = new List<string>();
        var run = new List<string>();
        var wholeWordRoom = MaxLineLength - name.Length - 2;
        for (var i = 0; i < words.Length; i++)
        {
            var room = longWordsStayWhole ? wholeWordRoom : tokens.Count == 0 && run.Count == 0 ? FirstLineRoom(name) : FoldAt - 1;
            var continuesRun = run.Count > 0 && words[i].Length == 0 && words.Skip(i + 1).FirstOrDefault(w => w.Length > 0) is { } next
                && NeedsEncoding(next, longWordsStayWhole ? wholeWordRoom : FoldAt - 1);
            if (NeedsEncoding(words[i], room) || continuesRun)
            {
                run.Add(words[i]);
                continue;
            }

            EncodeRun(tokens, run, name);
            tokens.Add(words[i]);
        }

        EncodeRun(tokens, run, name);
        Add(name, tokens);
    }

    private static bool NeedsEncoding(string word, int room) =>
        word.Length > room || !HeaderValues.IsPrintableAscii(word) || word.Contains("=?", StringComparison.Ordinal);

    private static void EncodeRun(List<string> tokens, List<string> run, string name)
    {
        if (run.Count > 0)
        {
            tokens.AddRange(EncodedWords.Encode(string.Join(' ', run), tokens.Count == 0 ? FirstLineRoom(name) : EncodedWords.MaxWordLength));
            run.Clear();
        }
    }

    public void AddMailboxes(string name, IEnumerable<MailboxAddress> mailboxes)
    {
        var list = mailboxes.ToList();
        var tokens = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var separator = i < list.Count - 1 ? "," : "";
            var mailbox = list[i];
            if (mailbox.DisplayName is { } displayName)
            {
                tokens.AddRange(Phrase(displayName, i == 0 ? FirstLineRoom(name) : EncodedWords.MaxWordLength));
            }

            tokens.Add(mailbox.DisplayName is null ? mailbox.Address + separator : $"<{mailbox.Address}>{separator}");
        }

        Add(name, tokens);
    }

    public override string ToString() => _text.ToString();

    /// <summary>What is left of the first line after "Name: ".</summary>
    private static int FirstLineRoom(string name) => FoldAt - name.Length - 2;

    /// <summary>A display name: an atom, a quoted string, or encoded words when it is not ASCII.</summary>
    private static IEnumerable<string> Phrase(string displayName, int firstWordLength)
    {
        // "=?" is encoded too: many readers decode encoded words even inside a quoted string, which
        // would let a name show as something other than what was given.
        if (!HeaderValues.IsPrintableAscii(displayName) || displayName.Length > FoldAt - 4 || displayName.Contains("=?", StringComparison.Ordinal))
        {
            return EncodedWords.Encode(displayName, firstWordLength);
        }

        var isAtom = displayName.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c));
        if (isAtom)
        {
            return [displayName];
        }

        var quoted = displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return [$"\"{quoted}\""];
    }
}
