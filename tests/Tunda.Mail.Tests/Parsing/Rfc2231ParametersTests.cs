namespace Tunda.Mail.Tests.Parsing;

public sealed class Rfc2231ParametersTests
{
    private static string FileName(string disposition) =>
        Parse.Message($"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/octet-stream\nContent-Disposition: {disposition}\n\ndata\n--b--\n").Attachments.Single().FileName;

    [Theory]
    [InlineData("attachment; filename*=utf-8''caff%C3%A8%20bar.pdf", "caffè bar.pdf")]
    [InlineData("attachment;\n filename*0*=utf-8'it'Fattura%20n.;\n filename*1=\"12 del \";\n filename*2*=2026%E2%80%93dic.pdf", "Fattura n.12 del 2026–dic.pdf")]
    [InlineData("attachment; filename*1=\"secondo.txt\"; filename*0=\"primo-\"", "primo-secondo.txt")]
    [InlineData("attachment; filename=\"=?utf-8?B?w6guZG9j?=\"", "è.doc")]
    [InlineData("attachment; filename=\"=?utf-8?q?a=22=3Bb.pdf?=\"; size=10", "a_;b.pdf")]
    [InlineData("attachment; filename=senza virgolette.txt; size=3", "senza virgolette.txt")]
    [InlineData("attachment; filename=\"plain.txt\"; filename*=iso-8859-1''citt%E0.txt", "città.txt")]
    [InlineData("attachment; FileName=\"a\\\"b.txt\"", "a_b.txt")]
    public void parameters_with_continuations_charsets_and_quotes_are_decoded(string disposition, string expected)
    {
        FileName(disposition).ShouldBe(expected);
    }

    [Fact]
    public void content_type_parameters_are_read_with_comments_and_odd_case()
    {
        var message = Parse.Message("Content-Type: Text/Plain (comment); CHARSET = \"ISO-8859-15\"; format=flowed\n\nx");

        message.Body.ContentType.MimeType.ShouldBe("text/plain");
        message.Body.ContentType.Charset.ShouldBe("ISO-8859-15");
        message.Body.ContentType.Parameters["Format"].ShouldBe("flowed");
    }
}
