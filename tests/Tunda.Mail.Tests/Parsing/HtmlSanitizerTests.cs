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

    /// <summary>Classic vectors (OWASP's XSS filter evasion cheat sheet and friends): none may leave anything that runs.</summary>
    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">")]
    [InlineData("<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>")]
    [InlineData("<body onload=alert(1)>")]
    [InlineData("<svg/onload=alert(1)>")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>")]
    [InlineData("<div style=\"width: expression(alert(1))\">x</div>")]
    [InlineData("<div style=\"behavior: url(x.htc)\">x</div>")]
    [InlineData("<div style=\"background-image: u\\72l(javascript:alert(1))\">x</div>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">")]
    [InlineData("<template><script>alert(1)</script></template>")]
    [InlineData("<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">")]
    [InlineData("<<script>alert(1);//<</script>")]
    [InlineData("<scr<script>ipt>alert(1)</scr</script>ipt>")]
    [InlineData("<p>\"><script>alert(1)</script></p>")]
    public void classic_xss_vectors_leave_nothing_that_runs(string html)
    {
        var safe = HtmlSanitizer.Sanitize(html);

        safe.ShouldNotContain("<script", Case.Insensitive);
        safe.ShouldNotContain("javascript:", Case.Insensitive);
        safe.ShouldNotContain("vbscript:", Case.Insensitive);
        safe.ShouldNotContain("data:text", Case.Insensitive);
        safe.ShouldNotContain("data:image/svg", Case.Insensitive);
        safe.ShouldNotContain("expression(", Case.Insensitive);
        safe.ShouldNotContain("url(", Case.Insensitive);
        safe.ShouldNotMatch(@"(?i)<[^>]*\son\w+\s*=");
        safe.ShouldNotContain("<svg", Case.Insensitive);
        safe.ShouldNotContain("<math", Case.Insensitive);
        safe.ShouldNotContain("<object", Case.Insensitive);
        safe.ShouldNotContain("<details", Case.Insensitive);
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"java&#09;script:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\" JAVASCRIPT:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"data:text/html,<script>\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"/staff/utenti?elimina=1\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"https://tunda.it/a?b=1\">x</a>", "<a href=\"https://tunda.it/a?b=1\" rel=\"noopener noreferrer\">x</a>")]
    [InlineData("<a href=\"mailto:a@b.example\" target=\"_self\">x</a>", "<a href=\"mailto:a@b.example\" rel=\"noopener noreferrer\">x</a>")]
    [InlineData("<a href=\"http://tunda.it/\" rel=\"opener\">x</a>", "<a href=\"http://tunda.it/\" rel=\"noopener noreferrer\">x</a>")]
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
    [InlineData("<p style=\"color: red; background-color: #fff\">x</p>", "<p style=\"color: rgba(255, 0, 0, 1); background-color: rgba(255, 255, 255, 1)\">x</p>")]
    [InlineData("<video poster=\"https://x.example/p.png\"></video>ok", "ok")]
    [InlineData("<base href=\"https://x.example/\"><p>ok</p>", "<p>ok</p>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\"><p>ok</p>", "<p>ok</p>")]
    [InlineData("<link rel=\"stylesheet\" href=\"https://x.example/s.css\"><p>ok</p>", "<p>ok</p>")]
    [InlineData("<style>@import url(https://x.example/s.css);</style><p>ok</p>", "<p>ok</p>")]
    [InlineData("<p style=\"background-image: image-set('https://x.example/a.png' 1x)\">x</p>", "<p>x</p>")]
    public void nothing_is_fetched_from_the_network_when_shown(string html, string expected)
    {
        HtmlSanitizer.Sanitize(html).ShouldBe(expected);
    }

    [Fact]
    public void positioned_boxes_cannot_lay_the_mail_over_the_page()
    {
        HtmlSanitizer.Sanitize("<div style=\"position: fixed; top: 0; z-index: 9999; color: red\">x</div>").ShouldNotContain("position");
    }
}
