using System.Text;
using System.Text.RegularExpressions;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

/// <summary>Inline CSS is costly to sanitise; past a budget of characters it goes, and nothing unsafe comes back with what stays.</summary>
public sealed partial class StyleBudgetTests
{
    private const string CellStyle = "font-family: Arial, sans-serif; font-size: 14px; color: #333333; padding: 10px 20px; background-color: #f4f4f4";

    [Fact]
    public void html_within_the_budget_is_left_exactly_as_it_is()
    {
        var html = Newsletter(cells: 20);

        StyleBudget.Apply(html).ShouldBeSameAs(html);
    }

    [Fact]
    public void a_style_heavy_newsletter_keeps_its_styles_up_to_the_budget_and_all_its_text()
    {
        var html = Newsletter(cells: 1_000);

        var safe = HtmlSanitizer.Sanitize(html);

        // The first cells, in document order, as many as the budget pays for; the sanitiser rewrites what it keeps.
        StyleAttribute().Count(safe).ShouldBe(StyleBudget.MaxInlineStyleCharacters / CellStyle.Length);
        safe.ShouldStartWith("<table><tbody><tr><td style=\"font-family: Arial, sans-serif");
        safe.ShouldContain("Offerta 0:");
        safe.ShouldContain("Offerta 999:");
        Regex.Count(safe, "<td").ShouldBe(1_000);
    }

    [Fact]
    public void nothing_unsafe_comes_through_before_or_after_the_budget()
    {
        var html = "<p style=\"background: url(https://x.example/track.png)\" onclick=\"x()\">a</p>"
            + Newsletter(cells: 1_000)
            + "<p style=\"width: expression(alert(1))\">b</p><script>alert(1)</script><img src=\"https://x.example/p.gif\"><a href=\"javascript:alert(1)\">c</a>";

        var safe = HtmlSanitizer.Sanitize(html);

        safe.ShouldNotContain("url(", Case.Insensitive);
        safe.ShouldNotContain("expression", Case.Insensitive);
        safe.ShouldNotContain("onclick", Case.Insensitive);
        safe.ShouldNotContain("<script", Case.Insensitive);
        safe.ShouldNotContain("x.example");
        safe.ShouldNotContain("javascript", Case.Insensitive);
        safe.ShouldContain("b</p>");
    }

    private static string Newsletter(int cells)
    {
        var html = new StringBuilder("<html><head><style>.c { color: red }</style></head><body><table>");
        for (var i = 0; i < cells; i++)
        {
            html.Append($"<tr><td style=\"{CellStyle}\">Offerta {i}: hosting con dominio incluso</td></tr>");
        }

        return html.Append("</table></body></html>").ToString();
    }

    [GeneratedRegex("style=\"[^\"]*\"")]
    private static partial Regex StyleAttribute();
}
