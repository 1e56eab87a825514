using System.Text;
using AngleSharp.Dom;

namespace Tunda.Mail.Parsing;

/// <summary>Readable text from an HTML-only mail: paragraphs and line breaks kept, list items marked, scripts and styles skipped.</summary>
internal static class HtmlToText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "noscript", "template", "svg" };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "dl",
    };

    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "tr", "li", "section", "article", "header", "footer", "main", "nav", "aside", "address", "center", "dt", "dd", "hr", "form", "caption", "figure",
    };

    public const string TooComplexProblem = "The HTML body is too large or has too many tags to be shown safely; only its text was kept.";

    // AngleSharp slows down badly on hostile markup (tens of thousands of nested tags); real mail stays far below these.
    private const int MaxHtmlChars = 2_000_000;
    private const int MaxHtmlTags = 15_000;

    public static bool IsTooComplex(string html) => html.Length > MaxHtmlChars || html.AsSpan().Count('<') > MaxHtmlTags;

    /// <summary>A linear fallback for HTML too big to parse: tags dropped (block ends become line breaks), script and style skipped, entities decoded.</summary>
    public static string Strip(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            AppendText(text, System.Net.WebUtility.HtmlDecode(open < 0 ? html[i..] : html[i..open]), preformatted: false);
            if (open < 0)
            {
                break;
            }

            var close = html.IndexOf('>', open);
            var tag = close < 0 ? "" : html[(open + 1)..close].TrimStart('/').Split([' ', '\t', '\n', '\r', '/'], 2)[0].ToLowerInvariant();
            i = close < 0 ? html.Length : close + 1;
            if (tag is "script" or "style" && html[open + 1] != '/')
            {
                var end = html.IndexOf("</" + tag, i, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end;
            }
            else if (tag == "br" || Paragraphs.Contains(tag) || Lines.Contains(tag))
            {
                BreakLine(text, 1);
            }
        }

        return Tidy(text);
    }

    public static string Convert(string html)
    {
        var document = HtmlDocuments.Parse(html);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document, text, preformatted: false);
        return Tidy(text);
    }

    private static void Walk(INode node, StringBuilder text, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText textNode)
            {
                AppendText(text, textNode.Data, preformatted);
            }
            else if (child is IElement element && !Skipped.Contains(element.LocalName))
            {
                WalkElement(element, text, preformatted);
            }
        }
    }

    private static void WalkElement(IElement element, StringBuilder text, bool preformatted)
    {
        var name = element.LocalName;
        switch (name)
        {
            case "br":
                text.Append('\n');
                return;
            case "img":
                AppendText(text, element.GetAttribute("alt") ?? "", preformatted);
                return;
            case "a":
                AppendLink(element, text, preformatted);
                return;
            case "td" or "th" when text.Length > 0 && text[^1] != '\n':
                text.Append(' ');
                break;
            default:
                break;
        }

        var paragraph = Paragraphs.Contains(name);
        var line = paragraph || Lines.Contains(name);
        if (line)
        {
            BreakLine(text, paragraph ? 2 : 1);
        }

        if (name == "li")
        {
            text.Append("- ");
        }

        Walk(element, text, preformatted || name == "pre");
        if (line)
        {
            BreakLine(text, paragraph ? 2 : 1);
        }
    }

    /// <summary>
    /// A customer's "the page <u>here</u> shows an error" is useless to staff without the address, so a
    /// web link's target follows its text unless the text already is the address.
    /// </summary>
    private static void AppendLink(IElement link, StringBuilder text, bool preformatted)
    {
        var start = text.Length;
        Walk(link, text, preformatted);
        var href = link.GetAttribute("href")?.Trim();
        if (href is null || !(href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var shown = text.ToString(start, text.Length - start).Trim();
        var bare = href[(href.IndexOf("//", StringComparison.Ordinal) + 2)..].TrimEnd('/');
        if (!shown.TrimEnd('/').Equals(href.TrimEnd('/'), StringComparison.OrdinalIgnoreCase) && !shown.TrimEnd('/').Equals(bare, StringComparison.OrdinalIgnoreCase))
        {
            AppendText(text, shown.Length == 0 ? href : $" ({href})", preformatted);
        }
    }

    private static void AppendText(StringBuilder text, string data, bool preformatted)
    {
        if (preformatted)
        {
            text.Append(data);
            return;
        }

        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c == '\u00a0' ? ' ' : c);
            }
        }
    }

    /// <summary>Ends the current line, with <paramref name="breaks"/> = 2 leaving a blank line (never more than one).</summary>
    private static void BreakLine(StringBuilder text, int breaks)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }

        if (text.Length == 0)
        {
            return;
        }

        var existing = 0;
        // Only the last few characters matter, however many line breaks a hostile page piles up.
        for (var i = text.Length - 1; i >= 0 && text[i] == '\n' && existing < breaks; i--)
        {
            existing++;
        }

        text.Append('\n', Math.Max(0, breaks - existing));
    }

    private static string Tidy(StringBuilder text)
    {
        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank <= 1)
            {
                result.Append(line).Append('\n');
            }
        }

        return result.ToString().Trim('\n');
    }
}
