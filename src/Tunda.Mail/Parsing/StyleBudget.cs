namespace Tunda.Mail.Parsing;

/// <summary>
/// Bounds what sanitising spends on inline CSS. HtmlSanitizer parses every style attribute with AngleSharp.Css,
/// at about 0.1-0.3 ms for a table cell styled the way newsletters do: 200 such cells cost 25-60 ms, the same
/// HTML without them 2-4 ms, and a large message of them would hold the intake for seconds. Styles are kept in
/// document order up to a budget of characters; later elements lose theirs (their text and structure stay).
/// What comes out of here is still sanitised in full: this only removes markup, it is not what makes the
/// result safe. (A style sheet costs next to nothing: the sanitiser drops it without parsing its rules.)
/// </summary>
internal static class StyleBudget
{
    /// <summary>Characters of style attributes kept in one message: about 80 styled newsletter cells, far more of a person's mail.</summary>
    public const int MaxInlineStyleCharacters = 20_000;

    /// <summary>The HTML with the styles past the budget removed; the same string when it is within the budget.</summary>
    public static string Apply(string html)
    {
        if (html.Length <= MaxInlineStyleCharacters)
        {
            return html;
        }

        using var document = HtmlDocuments.Parse(html);
        var spent = 0;
        var removed = false;
        foreach (var element in document.QuerySelectorAll("[style]"))
        {
            spent += element.GetAttribute("style")!.Length;
            if (spent > MaxInlineStyleCharacters)
            {
                element.RemoveAttribute("style");
                removed = true;
            }
        }

        // The sanitiser reads its input as the content of a body, as this is.
        return removed ? document.Body?.InnerHtml ?? "" : html;
    }
}
