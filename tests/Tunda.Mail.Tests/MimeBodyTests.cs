using MimeKit;

namespace Tunda.Mail.Tests;

public sealed class MimeBodyTests
{
    [Fact]
    public void the_utf8_body_survives_a_quoted_printable_round_trip_with_short_lines()
    {
        var text = "Gentile cliente, la sua fattura è pronta.\n= segno uguale, spazio finale \n"
            + new string('x', 200) + "\nÀ bientôt, 日本語 😀\n.riga che inizia con un punto";

        var mail = ComposedMail.Of(ComposedMail.Simple(text: text));

        mail.Message.Body!.Headers["Content-Transfer-Encoding"].ShouldBe("quoted-printable");
        mail.Body.Split("\r\n").ShouldAllBe(l => l.Length <= 76);
        mail.Body.ShouldContain("=3D segno uguale, spazio finale=20\r\n");
        mail.Message.TextBody!.ReplaceLineEndings("\n").ShouldBe(text);
    }

    [Fact]
    public void an_html_body_makes_a_multipart_alternative_with_the_text_part_first()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple(text: "Testo semplice") with { HtmlBody = "<p>Testo <b>ricco</b> è qui</p>" });

        var alternative = mail.Message.Body.ShouldBeOfType<MultipartAlternative>();
        alternative.Count.ShouldBe(2);
        var text = alternative[0].ShouldBeOfType<TextPart>();
        text.ContentType.MimeType.ShouldBe("text/plain");
        text.ContentType.Charset.ShouldBe("utf-8");
        text.Text.ShouldBe("Testo semplice");
        var html = alternative[1].ShouldBeOfType<TextPart>();
        html.ContentType.MimeType.ShouldBe("text/html");
        html.ContentType.Charset.ShouldBe("utf-8");
        html.Text.ShouldContain("<p>Testo <b>ricco</b> è qui</p>");
        alternative.ShouldAllBe(part => part.Headers["Content-Transfer-Encoding"] == "quoted-printable");
        mail.Bytes.ShouldAllBe(b => b < 128);
    }
}
