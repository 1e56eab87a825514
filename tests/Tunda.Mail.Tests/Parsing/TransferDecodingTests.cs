namespace Tunda.Mail.Tests.Parsing;

public sealed class TransferDecodingTests
{
    [Theory]
    [InlineData("Q2lhbyBtb25kbw==", "Ciao mondo")]
    [InlineData("Q2lh\nbyBt b25k\tbw", "Ciao mondo")]
    [InlineData("Q2lh!!by*Btb25kbw=", "Ciao mondo")]
    [InlineData("QQ==QkM=", "ABC")]
    [InlineData("", "")]
    public void base64_ignores_noise_and_missing_padding(string encoded, string decoded)
    {
        Parse.Message($"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{encoded}").TextBody.ShouldBe(decoded);
    }

    [Theory]
    [InlineData("caff=C3=A8 =\nal bar", "caffè al bar")]
    [InlineData("soft =  \nbreak", "soft break")]
    [InlineData("100=25 e =ZZ e", "100% e =ZZ e")]
    [InlineData("trailing   \nnext", "trailing\nnext")]
    [InlineData("lower =c3=a8", "lower è")]
    public void quoted_printable_is_tolerant(string encoded, string decoded)
    {
        Parse.Message($"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{encoded}").TextBody.ShouldBe(decoded);
    }

    [Theory]
    [InlineData("7bit")]
    [InlineData("8bit")]
    [InlineData("binary")]
    [InlineData("x-uuencode-ish")]
    [InlineData(null)]
    public void other_encodings_are_taken_as_they_are(string? encoding)
    {
        var field = encoding is null ? "" : $"Content-Transfer-Encoding: {encoding}\n";

        Parse.Message($"Content-Type: text/plain; charset=utf-8\n{field}\ngià").TextBody.ShouldBe("già");
    }

    [Fact]
    public void a_base64_body_part_is_decoded()
    {
        var message = Parse.Message("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: BASE64\n\nR2lhIGZhdHRv\nIMOo\n");

        message.TextBody.ShouldBe("Gia fatto è");
    }
}
