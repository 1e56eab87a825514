using System.Text;

namespace Tunda.Mail.Tests.Parsing;

public sealed class CharsetTests
{
    [Fact]
    public void iso_8859_1_is_read_as_windows_1252_so_smart_quotes_survive()
    {
        Parse.Latin1("Content-Type: text/plain; charset=ISO-8859-1\n\n\u0093ciao\u0094 \u0080").TextBody.ShouldBe("“ciao” €");
    }

    [Fact]
    public void iso_2022_jp_is_supported()
    {
        Parse.Latin1("Content-Type: text/plain; charset=iso-2022-jp\n\n\u001b$B%F%9%H\u001b(B").TextBody.ShouldBe("テスト");
    }

    [Theory]
    [InlineData("; charset=x-unknown-charset")]
    [InlineData("")]
    [InlineData("; charset=us-ascii")]
    public void unknown_labels_read_valid_utf8_as_utf8_and_anything_else_as_windows_1252(string charset)
    {
        Parse.Bytes(Encoding.UTF8.GetBytes($"Content-Type: text/plain{charset}\r\n\r\ngià")).TextBody.ShouldBe("già");
        Parse.Latin1($"Content-Type: text/plain{charset}\n\ngi\u00e0").TextBody.ShouldBe("già");
    }

    [Fact]
    public void a_body_in_a_legacy_charset_is_decoded()
    {
        var message = Parse.Latin1("Content-Type: text/plain; charset=\"windows-1251\"\n\n\u00cf\u00f0\u00e8\u00e2\u00e5\u00f2");

        message.TextBody.ShouldBe("Привет");
    }
}
