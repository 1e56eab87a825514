using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Tunda.Mail.Parsing;

/// <summary>One AngleSharp parser per thread: creating one builds a whole browsing context, which costs more than parsing a mail's HTML.</summary>
internal static class HtmlDocuments
{
    [ThreadStatic]
    private static HtmlParser? parser;

    public static IHtmlDocument Parse(string html) => (parser ??= new HtmlParser()).ParseDocument(html);
}
