using System.Text;
using System.Text.RegularExpressions;
using Tunda.Mail;

namespace Tunda.Mail.Tests;

public sealed partial class MimeBodyTests
{
    [Fact]
    public void the_utf8_body_survives_a_quoted_printable_round_trip_with_short_lines()
    {
        var text = "Gentile cliente, la sua fattura è pronta.\n= segno uguale, spazio finale \n"
            + new string('x', 200) + "\nÀ bientôt, 日本語 😀\n.riga che inizia con un punto";

        var mail = ComposedMail.Of(ComposedMail.Simple(text: text));

        mail.Body.Split("\r\n").ShouldAllBe(l => l.Length <= 76);
        mail.Body.ShouldContain("=3D segno uguale, spazio finale=20\r\n");
        Encoding.UTF8.GetString(QuotedPrintable.Decode(mail.Body)).ShouldBe(text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n");
    }

    [Fact]
    public void an_html_body_makes_a_multipart_alternative_with_the_text_part_first()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple(text: "Testo semplice") with { HtmlBody = "<p>Testo <b>ricco</b> è qui</p>" });

        var contentType = mail.Header("Content-Type")!;
        contentType.ShouldStartWith("multipart/alternative;");
        var boundary = BoundaryPattern().Match(contentType).Groups[1].Value;
        var parts = mail.Body.Split($"--{boundary}");
        parts.Length.ShouldBe(4);
        parts[1].ShouldContain("Content-Type: text/plain; charset=utf-8");
        parts[1].ShouldContain("Testo semplice");
        parts[2].ShouldContain("Content-Type: text/html; charset=utf-8");
        Encoding.UTF8.GetString(QuotedPrintable.Decode(parts[2][(parts[2].IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..])).ShouldContain("<p>Testo <b>ricco</b> è qui</p>");
        parts[3].ShouldBe("--\r\n");
    }

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryPattern();
}
