using System.Text;

namespace Tunda.Mail.Tests.Parsing;

/// <summary>Inputs built to make a naive parser quadratic; each must finish at once with a sensible result.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void an_address_header_full_of_colons_is_read_in_one_pass()
    {
        var message = Parse.Message("From: a@b.example" + new string(':', 300_000) + "\n\nx");

        message.From.ShouldNotBeEmpty();
    }

    [Fact]
    public void html_with_tens_of_thousands_of_nested_tags_keeps_only_its_text()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 60_000)) + "testo<br>" + string.Concat(Enumerable.Repeat("<p></p>", 20_000)) + "<script>x()</script>fine";
        var message = Parse.Message("Content-Type: text/html\n\n" + html);

        message.HtmlBody.ShouldBeNull();
        message.TextBody.ShouldBe("testo\nfine");
        message.Problems.ShouldContain(p => p.Contains("too many tags", StringComparison.Ordinal));
    }

    [Fact]
    public void many_line_breaks_followed_by_many_paragraphs_stay_linear()
    {
        var html = string.Concat(Enumerable.Repeat("<br>", 7_000)) + string.Concat(Enumerable.Repeat("<p></p>", 7_000)) + "fine";

        Parse.Message("Content-Type: text/html\n\n" + html).TextBody.ShouldBe("fine");
    }

    [Fact]
    public void a_huge_header_line_and_many_encoded_word_starts_are_read()
    {
        var subject = string.Concat(Enumerable.Repeat("=?=?", 100_000));
        var message = Parse.Message($"Subject: {subject}\nX-Long: {new string('a', 400_000)}\n\nx");

        message.Subject.ShouldBe(subject);
        message.Headers["X-Long"]!.Length.ShouldBe(400_000);
    }

    [Fact]
    public void many_boundary_lookalikes_are_scanned_once()
    {
        var body = new StringBuilder("--b\n\n");
        for (var i = 0; i < 50_000; i++)
        {
            body.Append("x--b --bb\n");
        }

        var message = Parse.Message("Content-Type: multipart/mixed; boundary=b\n\n" + body + "--b--\n");

        message.TextBody.Length.ShouldBe(50_000 * 10 - 1);
    }
}
