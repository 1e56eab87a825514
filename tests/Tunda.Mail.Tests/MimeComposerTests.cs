using System.Text;
using System.Text.RegularExpressions;
using Tunda.Mail;

namespace Tunda.Mail.Tests;

public sealed partial class MimeComposerTests
{
    [Fact]
    public void a_plain_message_has_the_standard_headers_and_only_crlf_line_endings()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with
        {
            Date = new DateTimeOffset(2026, 11, 22, 8, 5, 9, TimeSpan.FromHours(1)),
            TextBody = "riga uno\nriga due\r\nriga tre",
        });

        mail.Header("Date").ShouldBe("Sun, 22 Nov 2026 08:05:09 +0100");
        mail.Header("From").ShouldBe("Tunda <noreply@tunda.example>");
        mail.Header("To").ShouldBe("\"Mario Rossi\" <mario.rossi@example.it>");
        mail.Header("Subject").ShouldBe("Prova");
        mail.Header("MIME-Version").ShouldBe("1.0");
        mail.Header("Content-Type").ShouldBe("text/plain; charset=utf-8");
        mail.Header("Content-Transfer-Encoding").ShouldBe("quoted-printable");
        mail.Header("Message-ID")!.ShouldMatch(@"^<[0-9a-f]{32}@tunda\.example>$");
        mail.Count("Auto-Submitted").ShouldBe(0);
        mail.Body.ShouldBe("riga uno\r\nriga due\r\nriga tre\r\n");
        Regex.Matches(mail.Text, "(?<!\r)\n").Count.ShouldBe(0);
        Regex.Matches(mail.Text, "\r(?!\n)").Count.ShouldBe(0);
    }

    [Fact]
    public void given_ids_and_threading_headers_are_written_in_angle_brackets()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with
        {
            MessageId = "abc@tunda.example",
            InReplyTo = "<q1@client.example>",
            References = ["q0@client.example", "<q1@client.example>"],
            AutoSubmitted = true,
            Headers = [new("X-Tunda-Template", "confirm-email")],
        });

        mail.Header("Message-ID").ShouldBe("<abc@tunda.example>");
        mail.Header("In-Reply-To").ShouldBe("<q1@client.example>");
        mail.Header("References").ShouldBe("<q0@client.example> <q1@client.example>");
        mail.Header("Auto-Submitted").ShouldBe("auto-generated");
        mail.Header("X-Tunda-Template").ShouldBe("confirm-email");
    }

    [Fact]
    public void non_ascii_subject_and_display_names_become_encoded_words_that_decode_back()
    {
        var subject = "Conferma dell'indirizzo – è già attivo? 日本語のテキスト 😀 " + new string('à', 60);
        var mail = ComposedMail.Of(ComposedMail.Simple(subject) with
        {
            To = [new MailboxAddress("luca@example.it", "Luca Bianchi – Società Cooperativa Àgape")],
        });

        mail.Header("Subject").ShouldBe(subject);
        mail.Header("To").ShouldBe("Luca Bianchi – Società Cooperativa Àgape <luca@example.it>");
        mail.Bytes.ShouldAllBe(b => b < 128);
        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 78);
        var words = EncodedWordPattern().Matches(mail.RawHeaders).Select(m => m.Value).ToList();
        words.Count.ShouldBeGreaterThan(3);
        foreach (var word in words)
        {
            word.Length.ShouldBeLessThanOrEqualTo(75);
            // Each word must decode on its own: a word never ends inside a UTF-8 sequence.
            var payload = Convert.FromBase64String(word["=?UTF-8?B?".Length..^2]);
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload).ShouldNotBeEmpty();
        }
    }

    [Theory]
    [InlineData("Fattura n. 12 è pronta", "Fattura n. 12 =?UTF-8?B?w6g=?= pronta")]
    [InlineData("Città  e  più spazi", "=?UTF-8?B?Q2l0dMOg?=  e  =?UTF-8?B?cGnDuQ==?= spazi")]
    [InlineData("perché è così", "=?UTF-8?B?cGVyY2jDqSDDqCBjb3PDrA==?=")]
    [InlineData("testo =?UTF-8?B?finto?= qui", "testo =?UTF-8?B?PT9VVEYtOD9CP2ZpbnRvPz0=?= qui")]
    public void only_the_words_that_need_it_are_encoded_and_the_text_decodes_back(string subject, string raw)
    {
        var mail = ComposedMail.Of(ComposedMail.Simple(subject));

        mail.RawHeaderLines.Single(l => l.StartsWith("Subject:", StringComparison.Ordinal)).ShouldBe("Subject: " + raw);
        mail.Header("Subject").ShouldBe(subject);
    }

    [Fact]
    public void every_header_line_is_folded_at_78_characters()
    {
        var longSubject = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"parola{i}"));
        var many = Enumerable.Range(1, 12).Select(i => new MailboxAddress($"contatto{i}@example.it", $"Contatto Numero {i}")).ToList();

        var mail = ComposedMail.Of(ComposedMail.Simple(longSubject) with { To = many, Cc = many });

        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 78);
        mail.RawHeaderLines.Count(l => l.StartsWith(' ')).ShouldBeGreaterThan(6);
        mail.Header("Subject").ShouldBe(longSubject);
        mail.Header("Cc")!.Split(", ").Length.ShouldBe(12);
    }

    [Fact]
    public void long_field_names_and_long_words_still_fold_within_78_characters()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple("è" + new string('x', 150)) with
        {
            To = [new MailboxAddress("a@example.it", new string('à', 40))],
            Headers = [new("X-A-Rather-Long-Field-Name-For-Testing", "Società " + new string('y', 50))],
        });

        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 78);
        mail.Header("Subject").ShouldBe("è" + new string('x', 150));
        mail.Header("X-A-Rather-Long-Field-Name-For-Testing").ShouldBe("Società " + new string('y', 50));
    }

    [Fact]
    public void a_long_url_in_an_extra_field_stays_whole_because_structured_fields_cannot_hold_encoded_words()
    {
        var url = "<https://tunda.example/disiscriviti?token=" + new string('a', 120) + ">";

        var mail = ComposedMail.Of(ComposedMail.Simple() with { Headers = [new("List-Unsubscribe", url), new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")] });

        mail.RawHeaderLines.ShouldContain("List-Unsubscribe: " + url);
        mail.Header("List-Unsubscribe").ShouldBe(url);
        mail.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
        mail.RawHeaders.ShouldNotContain("=?UTF-8?");
    }

    [Fact]
    public void a_word_longer_than_any_header_line_may_be_is_encoded_rather_than_breaking_the_line_limit()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with { Headers = [new("X-Token", new string('a', 1000))] });

        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 78);
        mail.Header("X-Token").ShouldBe(new string('a', 1000));
    }

    [Theory]
    [InlineData("Avviso\u000bnascosto")]
    [InlineData("Esc\u001b[31m rosso")]
    [InlineData("Riga\u2028separata")]
    [InlineData("Riga\u0085NEL")]
    [InlineData("Canc\u007fellato")]
    public void control_and_unicode_line_separators_in_a_subject_are_encoded_and_decode_back(string escaped)
    {
        var subject = System.Text.RegularExpressions.Regex.Unescape(escaped);

        var mail = ComposedMail.Of(ComposedMail.Simple(subject));

        mail.Bytes.ShouldAllBe(b => b >= 32 && b < 127 || b == '\r' || b == '\n' || b == '\t');
        mail.Header("Subject").ShouldBe(subject);
    }

    [Theory]
    [InlineData("=?UTF-8?B?c3VwcG9ydEB0dW5kYS5pdA==?=")]
    [InlineData("Mario =?ISO-8859-1?Q?Rossi?=")]
    public void a_display_name_that_looks_like_an_encoded_word_is_encoded_so_it_reads_back_literally(string name)
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with { To = [new MailboxAddress("a@example.it", name)] });

        mail.Header("To").ShouldBe($"{name} <a@example.it>");
        mail.RawHeaders.ShouldNotContain(name);
    }

    [Fact]
    public void display_names_with_specials_are_quoted_and_escaped()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with { To = [new MailboxAddress("a@example.it", "Rossi, Mario \"Super\" \\ admin")] });

        mail.Header("To").ShouldBe("\"Rossi, Mario \\\"Super\\\" \\\\ admin\" <a@example.it>");
    }

    [Fact]
    public void idn_domains_are_written_in_punycode()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with { To = [new MailboxAddress("info@perché.it")] });

        mail.Header("To").ShouldBe("info@xn--perch-fsa.it");
    }

    [Theory]
    [InlineData("Subject", "Ciao\r\nBcc: vittima@example.it")]
    [InlineData("Subject", "Ciao\nBcc: vittima@example.it")]
    [InlineData("Subject", "Ciao\rBcc: vittima@example.it")]
    [InlineData("DisplayName", "Mario\r\nBcc: vittima@example.it")]
    [InlineData("Address", "mario@example.it\r\nBcc: vittima@example.it")]
    [InlineData("MessageId", "x@y\r\nBcc: vittima@example.it")]
    [InlineData("InReplyTo", "<x@y>\r\nBcc: vittima@example.it")]
    [InlineData("References", "<x@y>\nBcc: vittima@example.it")]
    [InlineData("FromName", "Tunda\rBcc: vittima@example.it")]
    [InlineData("CcAddress", "luca@example.it\nBcc: vittima@example.it")]
    [InlineData("Header", "valore\r\nBcc: vittima@example.it")]
    [InlineData("Header", "valore\n\r\n<html>corpo finto")]
    [InlineData("HeaderName", "X-Note\r\nBcc")]
    [InlineData("Subject", "Ciao\0nul")]
    public void a_line_break_in_any_header_value_is_refused(string where, string value)
    {
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(where switch
        {
            "Subject" => ComposedMail.Simple(value),
            "DisplayName" => ComposedMail.Simple() with { To = [new MailboxAddress("a@example.it", value)] },
            "Address" => ComposedMail.Simple() with { To = [new MailboxAddress(value)] },
            "MessageId" => ComposedMail.Simple() with { MessageId = value },
            "InReplyTo" => ComposedMail.Simple() with { InReplyTo = value },
            "References" => ComposedMail.Simple() with { References = ["<a@b>", value] },
            "FromName" => ComposedMail.Simple() with { From = new MailboxAddress("support@tunda.example", value) },
            "CcAddress" => ComposedMail.Simple() with { Cc = [new MailboxAddress(value)] },
            "HeaderName" => ComposedMail.Simple() with { Headers = [new(value, "x")] },
            _ => ComposedMail.Simple() with { Headers = [new("X-Note", value)] },
        }));
    }

    [Theory]
    [InlineData("<a@b> <c@d>")]
    [InlineData("a@b>")]
    [InlineData("<>")]
    [InlineData("<a b@c>")]
    [InlineData("<à@b>")]
    public void threading_ids_that_are_not_one_message_id_are_refused(string id)
    {
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(ComposedMail.Simple() with { InReplyTo = id }));
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(ComposedMail.Simple() with { References = [id] }));
    }

    [Theory]
    [InlineData("From")]
    [InlineData("bcc")]
    [InlineData("Content-Type")]
    [InlineData("X Bad Name")]
    [InlineData("X-Bad:Name")]
    public void extra_headers_cannot_replace_the_composers_own_or_use_invalid_names(string name)
    {
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(ComposedMail.Simple() with { Headers = [new(name, "x")] }));
    }

    [Theory]
    [InlineData("senza-chiocciola")]
    [InlineData("@example.it")]
    [InlineData("mario@")]
    [InlineData("ma rio@example.it")]
    [InlineData("màrio@example.it")]
    [InlineData("mario@exa_mple.it")]
    public void invalid_addresses_are_refused_with_a_clear_error(string address)
    {
        Should.Throw<ArgumentException>(() => new MailboxAddress(address)).Message.ShouldContain(address);
    }

    [Fact]
    public void a_message_without_recipients_is_refused()
    {
        Should.Throw<ArgumentException>(() => MimeComposer.Compose(ComposedMail.Simple() with { To = [] }));
    }

    [GeneratedRegex(@"=\?UTF-8\?B\?[^?]*\?=")]
    private static partial Regex EncodedWordPattern();
}
