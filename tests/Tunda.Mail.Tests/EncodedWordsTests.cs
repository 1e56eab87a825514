using Tunda.Mail;

namespace Tunda.Mail.Tests;

public sealed class EncodedWordsTests
{
    [Theory]
    [InlineData("=?UTF-8?B?w6ggZ2nDoA==?=", "è già")]
    [InlineData("=?utf-8?q?Caff=C3=A8_al_bar?=", "Caffè al bar")]
    [InlineData("=?ISO-8859-1?Q?Citt=E0?=", "Città")]
    [InlineData("Re: =?UTF-8?B?w6g=?= =?UTF-8?B?IGdpw6A=?= fine", "Re: è già fine")]
    [InlineData("plain text", "plain text")]
    public void decodes_b_and_q_words_and_joins_adjacent_ones(string raw, string decoded)
    {
        EncodedWords.Decode(raw).ShouldBe(decoded);
    }

    [Fact]
    public void words_never_exceed_75_characters_and_round_trip()
    {
        var text = string.Concat(Enumerable.Repeat("Perché 😀 日本 ", 20));

        var words = EncodedWords.Encode(text, firstWordLength: 30);

        words[0].Length.ShouldBeLessThanOrEqualTo(30);
        words.ShouldAllBe(w => w.Length <= EncodedWords.MaxWordLength);
        EncodedWords.Decode(string.Join(' ', words)).ShouldBe(text);
    }
}
