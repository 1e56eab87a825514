using System.Text;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Reads address lists (From, To, Cc, Reply-To, Sender) from the unfolded header text. Encoded words
/// are decoded in display names only: an addr-spec is always kept exactly as written, so
/// "=?utf-8?q?support=40tunda.it?=@evil.com" can never turn into our own address.
/// </summary>
internal static class AddressParser
{
    public static List<InboundMailbox> Parse(string value, int maxEncodedWords)
    {
        var result = new List<InboundMailbox>();
        string? group = null;
        var start = 0;
        var chunkHasAt = false;
        var scan = new SyntaxScan();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!scan.Step(value, ref i) || scan.InAngle)
            {
                continue;
            }

            if (c == '@')
            {
                chunkHasAt = true;
            }
            else if (c == ':' && group is null && !chunkHasAt)
            {
                group = Phrase(value[start..i], maxEncodedWords) ?? "";
                start = i + 1;
            }
            else if (c is ',' or ';')
            {
                AddMailbox(result, value[start..i], group, maxEncodedWords);
                start = i + 1;
                chunkHasAt = false;
                if (c == ';')
                {
                    group = null;
                }
            }
        }

        AddMailbox(result, value[start..], group, maxEncodedWords);
        return result;
    }

    private static void AddMailbox(List<InboundMailbox> result, string chunk, string? group, int maxEncodedWords)
    {
        var lt = TopLevelIndexOf(chunk, '<');
        string address;
        string? displayName;
        if (lt >= 0)
        {
            var gt = chunk.IndexOf('>', lt);
            address = ContentTypeReader.WithoutComments(gt < 0 ? chunk[(lt + 1)..] : chunk[(lt + 1)..gt]).Trim();
            var colon = address.StartsWith('@') ? address.IndexOf(':', StringComparison.Ordinal) : -1;
            if (colon >= 0)
            {
                // An obsolete source route (<@relay1,@relay2:user@example.com>): only the mailbox matters.
                address = address[(colon + 1)..].Trim();
            }

            displayName = Phrase(chunk[..lt], maxEncodedWords);
        }
        else
        {
            var bare = ContentTypeReader.WithoutComments(chunk).Trim();
            var lastSpace = bare.LastIndexOf(' ');
            if (lastSpace > 0 && bare[(lastSpace + 1)..].Contains('@', StringComparison.Ordinal) && !bare.StartsWith('"'))
            {
                // "Mario Rossi mario@example.com": a missing pair of angle brackets.
                displayName = Phrase(bare[..lastSpace], maxEncodedWords);
                address = bare[(lastSpace + 1)..];
            }
            else
            {
                address = bare;
                displayName = Phrase(CommentText(chunk), maxEncodedWords);
            }
        }

        if (address.Length == 0 && displayName is null)
        {
            return;
        }

        result.Add(new InboundMailbox(address, displayName, AddressNormalizer.Normalize(address), group));
    }

    /// <summary>A display name: quotes and escapes removed, comments dropped, blanks collapsed, encoded words decoded.</summary>
    private static string? Phrase(string text, int maxEncodedWords)
    {
        var plain = ContentTypeReader.WithoutComments(text);
        var builder = new StringBuilder(plain.Length);
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            if (c == '\\' && i + 1 < plain.Length)
            {
                builder.Append(plain[++i]);
            }
            else if (c != '"')
            {
                builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
            }
        }

        var decoded = EncodedWordDecoder.Decode(builder.ToString(), maxEncodedWords, out _);
        var collapsed = string.Join(' ', decoded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed;
    }

    /// <summary>The first comment's text: "mario@example.com (Mario Rossi)" names Mario that way.</summary>
    private static string CommentText(string chunk)
    {
        var open = TopLevelIndexOf(chunk, '(');
        var close = open < 0 ? -1 : chunk.LastIndexOf(')');
        return close > open ? chunk[(open + 1)..close] : "";
    }

    private static int TopLevelIndexOf(string text, char wanted)
    {
        var scan = new SyntaxScan();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == wanted && !scan.Quoted && scan.CommentDepth == 0)
            {
                return i;
            }

            scan.Step(text, ref i);
        }

        return -1;
    }

    /// <summary>Tracks quoted strings, nested comments and angle brackets while scanning forward.</summary>
    private struct SyntaxScan
    {
        public bool Quoted;
        public int CommentDepth;
        public bool InAngle;

        /// <summary>Consumes the character at <paramref name="i"/>; true when it is a structural character at the top level.</summary>
        public bool Step(string text, ref int i)
        {
            var c = text[i];
            if (c == '\\' && (Quoted || CommentDepth > 0))
            {
                i++;
                return false;
            }

            if (Quoted)
            {
                Quoted = c != '"';
                return false;
            }

            if (CommentDepth > 0)
            {
                CommentDepth += c == '(' ? 1 : c == ')' ? -1 : 0;
                return false;
            }

            switch (c)
            {
                case '"':
                    Quoted = true;
                    return false;
                case '(':
                    CommentDepth = 1;
                    return false;
                case '<':
                    InAngle = true;
                    return false;
                case '>':
                    InAngle = false;
                    return false;
                default:
                    return true;
            }
        }
    }
}
