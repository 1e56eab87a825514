using System.Text;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class TransferDecodingTests
{
    [Theory]
    [InlineData("Q2lhbyBtb25kbw==", "Ciao mondo")]
    [InlineData("Q2lh\r\nbyBt b25k\tbw", "Ciao mondo")]
    [InlineData("Q2lh!!by*Btb25kbw=", "Ciao mondo")]
    [InlineData("QQ==QkM=", "ABC")]
    [InlineData("", "")]
    public void base64_ignores_noise_and_missing_padding(string encoded, string decoded)
    {
        Encoding.ASCII.GetString(TransferDecoding.Base64(Encoding.ASCII.GetBytes(encoded))).ShouldBe(decoded);
    }

    [Theory]
    [InlineData("caff=C3=A8 =\r\nal bar", "caffè al bar")]
    [InlineData("soft =  \nbreak", "soft break")]
    [InlineData("100=25 e =ZZ e =4", "100% e =ZZ e =4")]
    [InlineData("trailing   \r\nnext", "trailing\r\nnext")]
    [InlineData("lower =c3=a8", "lower è")]
    public void quoted_printable_is_tolerant(string encoded, string decoded)
    {
        Encoding.UTF8.GetString(TransferDecoding.QuotedPrintable(Encoding.ASCII.GetBytes(encoded), underscoreIsSpace: false)).ShouldBe(decoded);
    }

    [Theory]
    [InlineData("7bit")]
    [InlineData("8bit")]
    [InlineData("binary")]
    [InlineData("x-uuencode-ish")]
    [InlineData(null)]
    public void other_encodings_are_taken_as_they_are(string? encoding)
    {
        TransferDecoding.Decode("già"u8, encoding).ShouldBe("già"u8.ToArray());
    }

    [Fact]
    public void a_base64_body_part_is_decoded()
    {
        var message = Parse.Message("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: BASE64\n\nR2lhIGZhdHRv\nIMOo\n");

        message.TextBody.ShouldBe("Gia fatto è");
    }
}
