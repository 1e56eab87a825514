using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class AttachmentNamesTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Windows\\evil.exe", "evil.exe")]
    [InlineData("fattura\u0001\u0007.pdf", "fattura.pdf")]
    [InlineData("...hidden", "hidden")]
    [InlineData("  spazi.txt  ", "spazi.txt")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("what?.txt", "what_.txt")]
    public void names_are_made_safe(string name, string expected)
    {
        AttachmentNames.Sanitize(name).ShouldBe(expected);
    }

    [Fact]
    public void long_names_are_cut_keeping_the_extension()
    {
        var safe = AttachmentNames.Sanitize(new string('a', 300) + ".pdf");

        safe.Length.ShouldBe(120);
        safe.ShouldEndWith("aaa.pdf");
    }

    [Fact]
    public void names_are_unique_and_fallbacks_follow_the_media_type()
    {
        var message = Parse.Message("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            corpo
            --b
            Content-Type: text/plain; name="documento.txt"

            1
            --b
            Content-Disposition: attachment; filename="documento.txt"

            2
            --b
            Content-Type: application/pdf

            3
            --b
            Content-Type: application/x-strange

            4
            --b
            Content-Type: message/rfc822

            From: a@b.example

            senza oggetto
            --b--
            """);

        message.Attachments.Select(a => a.FileName).ShouldBe(["documento.txt", "documento (2).txt", "attachment-1.pdf", "attachment-2.bin", "message.eml"]);
    }
}
