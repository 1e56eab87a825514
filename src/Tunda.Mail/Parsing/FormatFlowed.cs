using System.Text;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Joins format=flowed text (RFC 3676): a line ending in a space continues on the next line of the
/// same quote depth; with DelSp=yes that space is removed. Space-stuffing is undone. Tunda's own
/// rather than MimeKit's FlowedToText, which joins the "-- " signature separator to the line after it
/// (RFC 3676 section 4.3: that line is never flowed) and so hides the signature from reply stripping.
/// </summary>
internal static class FormatFlowed
{
    public static string Join(string text, bool delSp)
    {
        var result = new StringBuilder(text.Length);
        var paragraph = new StringBuilder();
        var paragraphDepth = -1;
        var lines = text.Split('\n');
        foreach (var rawLine in lines.AsSpan(0, text.EndsWith('\n') ? lines.Length - 1 : lines.Length))
        {
            var depth = 0;
            while (depth < rawLine.Length && rawLine[depth] == '>')
            {
                depth++;
            }

            var line = rawLine[depth..];
            if (line.StartsWith(' '))
            {
                line = line[1..];
            }

            if (paragraphDepth >= 0 && depth != paragraphDepth)
            {
                EndParagraph(result, paragraph, paragraphDepth);
            }

            paragraphDepth = depth;
            var flowed = line.EndsWith(' ') && line != "-- ";
            paragraph.Append(flowed && delSp ? line[..^1] : line);
            if (!flowed)
            {
                EndParagraph(result, paragraph, depth);
                paragraphDepth = -1;
            }
        }

        if (paragraphDepth >= 0)
        {
            EndParagraph(result, paragraph, paragraphDepth);
        }

        // Every line was given a break; the text's last line may not have had one.
        return result.Length > 0 && !text.EndsWith('\n') ? result.ToString(0, result.Length - 1) : result.ToString();
    }

    private static void EndParagraph(StringBuilder result, StringBuilder paragraph, int depth)
    {
        if (depth > 0)
        {
            result.Append('>', depth).Append(' ');
        }

        result.Append(paragraph).Append('\n');
        paragraph.Clear();
    }
}
