using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class HeaderTextTests
{
    [Fact]
    public void a_multibyte_character_split_across_two_words_survives()
    {
        // "è" is C3 A8: the first word ends after C3, the second starts with A8.
        var message = Parse.Message("Subject: =?UTF-8?Q?Caff=C3?= =?UTF-8?Q?=A8_pronto?=\n\nx");

        message.Subject.ShouldBe("Caffè pronto");
    }

    [Fact]
    public void a_base64_character_split_across_words_survives()
    {
        // "日本" is E6 97 A5 E6 9C AC; split after four bytes.
        var message = Parse.Message("Subject: =?utf-8?b?5pel5g==?=\n =?utf-8?b?nKw=?=\n\nx");

        message.Subject.ShouldBe("日本");
    }

    [Theory]
    [InlineData("=?utf-8?q?broken word?=", "=?utf-8?q?broken word?=")]
    [InlineData("=?utf-8?x?abc?=", "=?utf-8?x?abc?=")]
    [InlineData("=?utf-8?q?open", "=?utf-8?q?open")]
    [InlineData("a =?iso-8859-1?q?caf=E9?= b", "a café b")]
    [InlineData("=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=", "テスト")]
    [InlineData("=?utf-8*it?q?ciao?=", "ciao")]
    [InlineData("=?utf-8?q?a?= =?iso-8859-1?q?=E8?=", "aè")]
    [InlineData("=?x-unknown?q?Caff=C3=A8?=", "Caffè")]
    [InlineData("=?klingon-1?q?Perch=E8?=", "Perchè")]
    public void encoded_words_decode_or_stay_literal(string subject, string expected)
    {
        Parse.Message($"Subject: {subject}\n\nx").Subject.ShouldBe(expected);
    }

    [Fact]
    public void encoded_words_longer_than_the_75_characters_rfc_2047_allows_are_decoded_in_every_field()
    {
        // Real mailers write whole names and subjects as one encoded word, far past the limit.
        const string name = "=?iso-8859-1?q?Assistenza_Tunda_-_Ufficio_Tecnico_e_Amministrativo_per_i_clienti_della_Citt=E0?=";
        const string subject = "=?UTF-8?B?Q29uZmVybWEgZGVsIHJpbm5vdm8gZGVsIGRvbWluaW8gZSBkZWxsYSBjYXNlbGxhIFBFQyBwZXIgaWwgMjAyNyDigJQgZ3JhemllIG1pbGxl?=";
        name.Length.ShouldBeGreaterThan(75);
        subject.Length.ShouldBeGreaterThan(75);

        var message = Parse.Message($"From: {name} <a@example.it>\nTo: {name} <b@example.it>\nCc: {name} <c@example.it>\nReply-To: {name} <d@example.it>\nSubject: {subject}\n\nx");

        const string decoded = "Assistenza Tunda - Ufficio Tecnico e Amministrativo per i clienti della Città";
        message.From.ShouldHaveSingleItem().DisplayName.ShouldBe(decoded);
        message.To.ShouldHaveSingleItem().DisplayName.ShouldBe(decoded);
        message.Cc.ShouldHaveSingleItem().DisplayName.ShouldBe(decoded);
        message.ReplyTo.ShouldHaveSingleItem().DisplayName.ShouldBe(decoded);
        message.Subject.ShouldBe("Conferma del rinnovo del dominio e della casella PEC per il 2027 — grazie mille");
    }

    [Fact]
    public void raw_utf8_header_bytes_are_read_as_utf8()
    {
        Parse.Message("Subject: Perché già\n\nx").Subject.ShouldBe("Perché già");
    }

    [Fact]
    public void raw_8bit_header_bytes_that_are_not_utf8_are_read_as_windows_1252()
    {
        Parse.Latin1("Subject: \u0093citt\u00e0\u0094\n\nx").Subject.ShouldBe("“città”");
        Parse.Latin1("Subject: \u00e0\nContent-Type: text/plain; charset=iso-8859-7\n\nx").Subject.ShouldBe("à");
    }

    [Fact]
    public void decoded_line_breaks_never_reach_the_value()
    {
        var subject = Parse.Message("Subject: =?utf-8?q?a=0D=0ABcc:_x@y?=\n\nx").Subject;

        subject.ShouldNotContain('\r');
        subject.ShouldNotContain('\n');
        subject.ShouldBe("aBcc: x@y");
    }

    [Fact]
    public void too_many_encoded_words_quarantine_the_message_but_keep_the_headers()
    {
        var words = string.Join(' ', Enumerable.Repeat("=?utf-8?q?a?=", 20));
        var message = Parse.Message($"From: a@example.com\nSubject: {words}\n\nx", limits: new MimeParserLimits { MaxEncodedWordsPerHeader = 10 });

        message.QuarantineReason.ShouldNotBeNull().ShouldContain("MaxEncodedWordsPerHeader");
        message.From.Single().Address.ShouldBe("a@example.com");
        message.Subject.ShouldBe(new string('a', 20));
    }
}
