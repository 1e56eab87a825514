using System.Text;

namespace Tunda.Mail.Tests.Parsing;

public sealed class MimeTreeTests
{
    [Fact]
    public void alternative_gives_plain_text_and_sanitised_html()
    {
        var message = Parse.Message("""
            Content-Type: multipart/alternative; boundary="b1"

            preamble to ignore
            --b1
            Content-Type: text/plain; charset=utf-8

            Testo è qui
            --b1
            Content-Type: text/html; charset=utf-8

            <p>Testo <b>è</b> qui</p><script>alert(1)</script>
            --b1--
            epilogue to ignore
            """);

        message.TextBody.ShouldBe("Testo è qui");
        message.HtmlBody.ShouldBe("<p>Testo <b>è</b> qui</p>");
        message.Attachments.ShouldBeEmpty();
        message.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void nested_related_with_inline_image_and_an_attachment()
    {
        var message = Parse.Message("""
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=alt

            --alt
            Content-Type: text/plain

            Ciao
            --alt
            Content-Type: multipart/related; boundary=rel

            --rel
            Content-Type: text/html

            <p>Ciao <img src="cid:logo@x"> <img src="https://tracker.example/p.gif"></p>
            --rel
            Content-Type: image/png
            Content-Transfer-Encoding: base64
            Content-ID: <logo@x>

            iVBORw0KGgo=
            --rel--
            --alt--
            --outer
            Content-Type: application/pdf; name="fattura.pdf"
            Content-Disposition: attachment; filename="fattura.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --outer--
            """);

        message.TextBody.ShouldBe("Ciao");
        message.HtmlBody.ShouldNotBeNull().ShouldContain("src=\"cid:logo@x\"");
        message.HtmlBody.ShouldNotContain("tracker.example");
        message.Attachments.Select(a => (a.FileName, a.ContentType, a.ContentId, a.IsInline, a.Size))
            .ShouldBe([("attachment-1.png", "image/png", "logo@x", true, 8L), ("fattura.pdf", "application/pdf", (string?)null, false, 9L)]);
        Encoding.ASCII.GetString(message.Attachments[1].Content).ShouldBe("%PDF-1.4\n");
    }

    [Fact]
    public void a_missing_end_boundary_keeps_the_last_part()
    {
        var message = Parse.Message("Content-Type: multipart/mixed; boundary=\"x\"\n\n--x\nContent-Type: text/plain\n\nprima\n--x  \nContent-Type: text/plain; name=a.txt\n\nseconda\n");

        message.TextBody.ShouldBe("prima");
        message.Attachments.Single().FileName.ShouldBe("a.txt");
        Encoding.ASCII.GetString(message.Attachments.Single().Content).ShouldBe("seconda\r\n");
    }

    [Fact]
    public void multipart_without_boundary_is_read_as_one_text_part()
    {
        var message = Parse.Message("Content-Type: multipart/mixed\n\nsolo testo\n");

        message.TextBody.ShouldBe("solo testo\n");
        message.Problems.ShouldContain(p => p.Contains("no usable boundary", StringComparison.Ordinal));
    }

    [Fact]
    public void a_boundary_that_prefixes_another_does_not_split_it()
    {
        var message = Parse.Message("Content-Type: multipart/mixed; boundary=ab\n\n--ab\nContent-Type: multipart/alternative; boundary=ab-1\n\n--ab-1\n\ninner\n--ab-1--\n--ab--\n");

        message.Body.Children.Single().Children.Single().Text.ShouldBe("inner");
        message.TextBody.ShouldBe("inner");
    }

    [Fact]
    public void forwarded_message_is_an_attachment_and_parsed_as_embedded_message()
    {
        var message = Parse.Message("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain

            Vedi sotto
            --m
            Content-Type: message/rfc822

            From: Mario <mario@example.com>
            Subject: Problema con il dominio

            Il sito non va.
            --m--
            """);

        var attachment = message.Attachments.Single();
        attachment.FileName.ShouldBe("Problema con il dominio.eml");
        attachment.ContentType.ShouldBe("message/rfc822");
        var embedded = message.Body.Children[1].EmbeddedMessage.ShouldNotBeNull();
        embedded.From.Single().Address.ShouldBe("mario@example.com");
        embedded.TextBody.ShouldBe("Il sito non va.");
        message.TextBody.ShouldBe("Vedi sotto");
    }

    [Fact]
    public void digest_parts_default_to_messages()
    {
        var message = Parse.Message("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: uno\n\nA\n--d\n\nSubject: due\n\nB\n--d--\n");

        message.Attachments.Select(a => a.FileName).ShouldBe(["uno.eml", "due.eml"]);
    }

    [Fact]
    public void html_only_mail_gets_a_text_body_made_from_the_html()
    {
        var message = Parse.Message("Content-Type: text/html; charset=utf-8\n\n<html><head><style>p{}</style></head><body><h1>Titolo</h1><p>Primo&nbsp;paragrafo<br>a capo</p><ul><li>uno</li><li>due</li></ul></body></html>");

        message.TextBody.ShouldBe("Titolo\n\nPrimo paragrafo\na capo\n\n- uno\n- due");
        message.HtmlBody.ShouldNotBeNull().ShouldContain("<h1>Titolo</h1>");
    }

    [Fact]
    public void an_empty_plain_alternative_gives_way_to_the_html()
    {
        var message = Parse.Message("Content-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/plain\n\n \n--a\nContent-Type: text/html\n\n<p>Vero testo</p>\n--a--\n");

        message.TextBody.ShouldBe("Vero testo");
    }

    [Fact]
    public void a_lone_named_text_part_that_is_not_an_attachment_is_the_body()
    {
        var message = Parse.Message("Content-Type: text/plain; name=\"note.txt\"\n\nCiao");

        message.TextBody.ShouldBe("Ciao");
        message.Attachments.ShouldBeEmpty();
    }

    [Fact]
    public void a_delivery_report_keeps_the_human_text_as_body_and_the_rest_as_files()
    {
        var message = Parse.Message("""
            Content-Type: multipart/report; report-type=delivery-status; boundary=r

            --r
            Content-Type: text/plain

            Delivery failed.
            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example

            Final-Recipient: rfc822; x@y.example
            Action: failed
            Status: 5.1.1
            --r
            Content-Type: text/rfc822-headers

            Message-ID: <orig@tunda.it>
            --r--
            """);

        message.TextBody.ShouldBe("Delivery failed.");
        message.Attachments.Select(a => a.ContentType).ShouldBe(["message/delivery-status", "text/rfc822-headers"]);
        message.Body.Children[1].Content.Length.ShouldBeGreaterThan(0);
    }
}
