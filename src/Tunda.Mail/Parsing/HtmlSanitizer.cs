using AngleSharp.Dom;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Makes a mail's HTML safe to show inside our pages: an allow-list of elements and attributes, no
/// scripts or event handlers, no javascript: links, and nothing that fetches from the network when
/// shown (remote images lose their src; cid: images stay, to be served from the message itself).
/// </summary>
internal static class HtmlSanitizer
{
    /// <summary>Elements removed with everything inside them.</summary>
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "noscript", "template",
        "title", "head", "textarea", "select", "option", "button", "input", "audio", "video", "source", "track", "canvas", "link", "meta", "base",
    };

    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "address", "article", "b", "big", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup",
        "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strike",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul",
    };

    private static readonly HashSet<string> AllowedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "alt", "title", "dir", "lang", "align", "valign", "width", "height", "colspan", "rowspan", "border",
        "cellpadding", "cellspacing", "bgcolor", "color", "face", "size", "start", "style",
    };

    public static string Sanitize(string html)
    {
        var document = HtmlDocuments.Parse(html);
        if (document.Body is not { } body)
        {
            return "";
        }

        Clean(body);
        return body.InnerHtml;
    }

    private static void Clean(INode node)
    {
        foreach (var child in node.ChildNodes.ToArray())
        {
            if (child is IElement element)
            {
                if (Dropped.Contains(element.LocalName))
                {
                    element.Remove();
                    continue;
                }

                Clean(element);
                if (Allowed.Contains(element.LocalName))
                {
                    CleanAttributes(element);
                }
                else
                {
                    Unwrap(element);
                }
            }
            else if (child.NodeType is not NodeType.Text)
            {
                node.RemoveChild(child);
            }
        }
    }

    /// <summary>An element we do not allow (form, unknown tags) gives way to its content.</summary>
    private static void Unwrap(IElement element)
    {
        var parent = element.Parent!;
        while (element.FirstChild is { } child)
        {
            parent.InsertBefore(child, element);
        }

        element.Remove();
    }

    private static void CleanAttributes(IElement element)
    {
        foreach (var attribute in element.Attributes.ToArray())
        {
            var name = attribute.LocalName;
            var keep = AllowedAttributes.Contains(name) && attribute.NamespaceUri is null && name switch
            {
                "href" => element.LocalName == "a" && IsSafeLink(attribute.Value),
                "src" => element.LocalName == "img" && IsEmbeddedImage(attribute.Value),
                "style" => IsQuietStyle(attribute.Value),
                _ => true,
            };
            if (!keep)
            {
                element.RemoveAttribute(attribute.NamespaceUri, name);
            }
        }

        if (element.LocalName == "a" && element.HasAttribute("href"))
        {
            element.SetAttribute("rel", "noopener noreferrer");
        }
    }

    private static bool IsSafeLink(string value)
    {
        var compact = Compact(value);
        return compact.StartsWith("http://", StringComparison.Ordinal) || compact.StartsWith("https://", StringComparison.Ordinal)
            || compact.StartsWith("mailto:", StringComparison.Ordinal) || compact.StartsWith("tel:", StringComparison.Ordinal)
            || compact.StartsWith('#');
    }

    /// <summary>Images the message carries itself: cid: parts and small data: rasters. Anything remote would tell the sender we read it.</summary>
    private static bool IsEmbeddedImage(string value)
    {
        var compact = Compact(value);
        return compact.StartsWith("cid:", StringComparison.Ordinal)
            || (compact.StartsWith("data:image/", StringComparison.Ordinal) && !compact.StartsWith("data:image/svg", StringComparison.Ordinal));
    }

    /// <summary>Inline CSS is kept for layout unless it could fetch, run or escape: url(), imports, expressions, escapes.</summary>
    private static bool IsQuietStyle(string value)
    {
        var compact = Compact(value);
        return !(compact.Contains("url(", StringComparison.Ordinal) || compact.Contains("import", StringComparison.Ordinal)
            || compact.Contains("expression", StringComparison.Ordinal) || compact.Contains("behavior", StringComparison.Ordinal)
            || compact.Contains("javascript", StringComparison.Ordinal) || compact.Contains('\\', StringComparison.Ordinal)
            || compact.Contains("position:", StringComparison.Ordinal) || compact.Contains("image-set", StringComparison.Ordinal));
    }

    /// <summary>Lower-cased without whitespace or control characters, which browsers ignore inside a scheme ("java\tscript:").</summary>
    private static string Compact(string value) => string.Concat(value.Where(c => c > ' ' && c != '\u007f')).ToLowerInvariant();
}
