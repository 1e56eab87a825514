using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class HtmlToTextTests
{
    [Fact]
    public void paragraphs_and_line_breaks_are_kept_and_whitespace_collapsed()
    {
        HtmlToText.Convert("<div>Buongiorno,</div><div><br></div><p>il   sito\n  non va.</p><p>Grazie<br>Mario</p>")
            .ShouldBe("Buongiorno,\n\nil sito non va.\n\nGrazie\nMario");
    }

    [Fact]
    public void scripts_styles_and_head_are_not_text()
    {
        HtmlToText.Convert("<html><head><title>T</title><style>p{color:red}</style></head><body><script>var x;</script>Ciao</body></html>").ShouldBe("Ciao");
    }

    [Fact]
    public void tables_lists_and_preformatted_text_stay_readable()
    {
        HtmlToText.Convert("<table><tr><td>Nome</td><td>Mario</td></tr><tr><td>Piano</td><td>Pro</td></tr></table><pre>a\n  b</pre><ol><li>uno</li></ol>")
            .ShouldBe("Nome Mario\nPiano Pro\n\na\n  b\n\n- uno");
    }

    [Fact]
    public void entities_are_decoded()
    {
        HtmlToText.Convert("caff&egrave; &amp; cornetto&nbsp;&euro;").ShouldBe("caffè & cornetto €");
    }

    [Fact]
    public void a_web_link_keeps_its_address_unless_the_text_already_is_it()
    {
        HtmlToText.Convert("<p>L'errore è <a href=\"https://www.example.it/shop\">qui</a>, vedi <a href=\"https://www.example.it/\">www.example.it</a>"
            + " o <a href=\"javascript:alert(1)\">questo</a> e <a href=\"https://x.example\"><img src=\"cid:a\"></a></p>")
            .ShouldBe("L'errore è qui (https://www.example.it/shop), vedi www.example.it o questo e https://x.example");
    }
}
