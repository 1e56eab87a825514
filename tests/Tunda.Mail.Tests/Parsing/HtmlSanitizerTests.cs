using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class HtmlSanitizerTests
{
    [Theory]
    [InlineData("<p>ok</p><script>alert(1)</script>", "<p>ok</p>")]
    [InlineData("<style>body{}</style><p>ok</p>", "<p>ok</p>")]
    [InlineData("<iframe src=\"https://x.example\"></iframe><object data=\"x\"></object><embed src=\"x\">ok", "ok")]
    [InlineData("<form action=\"https://x.example\"><input name=\"p\"><button>Invia</button>testo</form>", "testo")]
    [InlineData("<p onclick=\"steal()\" onmouseover=\"x()\">ok</p>", "<p>ok</p>")]
    [InlineData("<svg><script>alert(1)</script></svg>ok", "ok")]
    [InlineData("<!-- commento --><p>ok</p>", "<p>ok</p>")]
    [InlineData("<blink><b>ok</b></blink>", "<b>ok</b>")]
    public void dangerous_elements_and_attributes_are_removed(string html, string expected)
    {
        HtmlSanitizer.Sanitize(html).ShouldBe(expected);
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"java&#09;script:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\" JAVASCRIPT:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"data:text/html,<script>\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"https://tunda.it/a?b=1\">x</a>", "<a href=\"https://tunda.it/a?b=1\" rel=\"noopener noreferrer\">x</a>")]
    [InlineData("<a href=\"mailto:a@b.example\" target=\"_self\">x</a>", "<a href=\"mailto:a@b.example\" rel=\"noopener noreferrer\">x</a>")]
    public void links_keep_only_safe_schemes_and_open_without_referrer(string html, string expected)
    {
        HtmlSanitizer.Sanitize(html).ShouldBe(expected);
    }

    [Theory]
    [InlineData("<img src=\"https://tracker.example/pixel.gif\" alt=\"logo\">", "<img alt=\"logo\">")]
    [InlineData("<img src=\"//tracker.example/p.gif\">", "<img>")]
    [InlineData("<img src=\"cid:logo@tunda\">", "<img src=\"cid:logo@tunda\">")]
    [InlineData("<img srcset=\"https://x.example/a.png 2x\">", "<img>")]
    [InlineData("<table background=\"https://x.example/bg.png\"><tbody><tr><td>x</td></tr></tbody></table>", "<table><tbody><tr><td>x</td></tr></tbody></table>")]
    [InlineData("<p style=\"background:url(https://x.example/a.png)\">x</p>", "<p>x</p>")]
    [InlineData("<p style=\"color: red\">x</p>", "<p style=\"color: red\">x</p>")]
    public void nothing_is_fetched_from_the_network_when_shown(string html, string expected)
    {
        HtmlSanitizer.Sanitize(html).ShouldBe(expected);
    }
}
