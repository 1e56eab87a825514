using System.Text;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class CharsetTests
{
    [Fact]
    public void iso_8859_1_is_read_as_windows_1252_so_smart_quotes_survive()
    {
        Charsets.Decode([0x93, 0x63, 0x69, 0x61, 0x6F, 0x94, 0x20, 0x80], "ISO-8859-1").ShouldBe("“ciao” €");
    }

    [Fact]
    public void iso_2022_jp_is_supported()
    {
        Charsets.Decode([0x1B, 0x24, 0x42, 0x25, 0x46, 0x25, 0x39, 0x25, 0x48, 0x1B, 0x28, 0x42], "iso-2022-jp").ShouldBe("テスト");
    }

    [Theory]
    [InlineData("x-unknown-charset")]
    [InlineData(null)]
    [InlineData("us-ascii")]
    public void unknown_labels_read_valid_utf8_as_utf8_and_anything_else_as_windows_1252(string? label)
    {
        Charsets.Decode(Encoding.UTF8.GetBytes("già"), label).ShouldBe("già");
        Charsets.Decode([0x67, 0x69, 0xE0], label).ShouldBe("già");
    }

    [Fact]
    public void a_body_in_a_legacy_charset_is_decoded()
    {
        var message = Parse.Latin1("Content-Type: text/plain; charset=\"windows-1251\"\n\n\u00cf\u00f0\u00e8\u00e2\u00e5\u00f2");

        message.TextBody.ShouldBe("Привет");
    }
}
