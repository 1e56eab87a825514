using System.Text;

namespace Tunda.Mail.Classification;

/// <summary>Small readers for structured header values (RFC 5322 comments, keyword lists).</summary>
internal static class StructuredValue
{
    /// <summary>
    /// The value with (comments) replaced by a space; quoted strings are kept as they are, so a
    /// parenthesis inside quotes is not taken for a comment. Unbalanced comments end at the end of the value.
    /// </summary>
    public static string WithoutComments(string value)
    {
        var result = new StringBuilder(value.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && (quoted || depth > 0) && i + 1 < value.Length)
            {
                if (depth == 0)
                {
                    result.Append(c).Append(value[i + 1]);
                }

                i++;
            }
            else if (depth == 0 && c == '"')
            {
                quoted = !quoted;
                result.Append(c);
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')' && depth > 0)
            {
                depth--;
                if (depth == 0)
                {
                    result.Append(' ');
                }
            }
            else if (depth == 0)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>The first keyword of a value such as "auto-replied; foo=bar (comment)", lower-cased, or "" when there is none.</summary>
    public static string FirstKeyword(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var text = WithoutComments(value).Trim();
        var end = text.AsSpan().IndexOfAny(";, \t");
        return (end < 0 ? text : text[..end]).ToLowerInvariant();
    }

    /// <summary>Header text fit to show to staff in a reason: one line, at most 80 characters.</summary>
    public static string Shown(string value)
    {
        var oneLine = string.Join(' ', value.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }

    /// <summary>The local part of an address (before the last '@'), or the whole text when there is no '@'.</summary>
    public static string LocalPart(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? address : address[..at];
    }
}
