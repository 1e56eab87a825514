using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Makes a mail's HTML safe to show inside our pages, as a configuration of mganss' HtmlSanitizer: an
/// allow-list of elements and attributes, no scripts or event handlers, links only to http, https and
/// mailto (with rel="noopener noreferrer"), and nothing that fetches from the network when shown: images
/// keep only cid: sources (parts of the message itself) and small data: rasters, CSS loses every url().
/// </summary>
internal static partial class HtmlSanitizer
{
    /// <summary>Elements removed with everything inside them: their content is code, a form, a frame, or media that loads.</summary>
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "noscript", "template",
        "title", "head", "textarea", "select", "option", "button", "input", "audio", "video", "source", "track", "canvas", "link", "meta", "base",
        "picture", "portal", "dialog",
    };

    private static readonly string[] AllowedTags =
    [
        "a", "abbr", "address", "article", "b", "big", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup",
        "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strike",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul",
    ];

    private static readonly string[] AllowedAttributes =
    [
        "href", "src", "alt", "title", "dir", "lang", "align", "valign", "width", "height", "colspan", "rowspan", "border",
        "cellpadding", "cellspacing", "bgcolor", "color", "face", "size", "start", "style",
    ];

    /// <summary>Positioned boxes could lay a mail over our own page (a fake sign-in form, say).</summary>
    private static readonly HashSet<string> PositionProperties = new(StringComparer.OrdinalIgnoreCase) { "position", "z-index" };

    /// <summary>Elements whose inline CSS held something unsafe: their whole style goes, not only the bad declaration.</summary>
    private static readonly ConditionalWeakTable<IElement, object> UnsafeStyles = [];

    // Declared after the sets it reads: static fields are initialised in order.
    private static readonly Ganss.Xss.HtmlSanitizer Sanitizer = Create();

    /// <summary>Safe HTML for the body of <paramref name="html"/>; the package's instance is safe to share between threads.</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(StyleBudget.Apply(html));

    private static Ganss.Xss.HtmlSanitizer Create()
    {
        var sanitizer = new Ganss.Xss.HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(AllowedAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "cid", "data"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(HtmlSanitizerDefaults.AllowedCssProperties.Where(p => !PositionProperties.Contains(p)), StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            // An element not on the list (form, blink, o:p) gives way to its content; Dropped ones go whole.
            KeepChildNodes = true,
            DisallowCssPropertyValue = RemoteOrActiveCss(),
        };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (Dropped.Contains(e.Tag.LocalName))
            {
                e.Cancel = true;
                e.Tag.Remove();
            }
        };
        sanitizer.RemovingStyle += (_, e) =>
        {
            // A value that fetches or runs taints the whole attribute: what is left of a "background"
            // shorthand without its image is noise, and half a style is not what the author wrote.
            if (e.Reason is not RemoveReason.NotAllowedStyle)
            {
                UnsafeStyles.AddOrUpdate(e.Tag, e.Tag);
            }
        };
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = e.SanitizedUrl is { } url && IsAllowed(e.Tag, url) ? url : null;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }

            if (UnsafeStyles.Remove(element))
            {
                element.RemoveAttribute("style");
            }

            if (element.LocalName == "a" && element.HasAttribute("href"))
            {
                element.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }

    /// <summary>
    /// Links may leave to the web or open a mail; images may only show what the message carries (cid:) or
    /// inline rasters. Relative URLs would point into our own site, so they go too.
    /// </summary>
    private static bool IsAllowed(IElement element, string url) => element.LocalName switch
    {
        "a" => StartsWithScheme(url, "http:") || StartsWithScheme(url, "https:") || StartsWithScheme(url, "mailto:"),
        "img" => StartsWithScheme(url, "cid:") || (StartsWithScheme(url, "data:image/") && !StartsWithScheme(url, "data:image/svg")),
        _ => false,
    };

    private static bool StartsWithScheme(string url, string prefix) => url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>CSS values that fetch (url(), image-set()) or run code in old engines (expression, behavior), and the markup characters the package refuses.</summary>
    [GeneratedRegex(@"[<>]|url\s*\(|image-set|expression|behavior|javascript", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteOrActiveCss();
}
