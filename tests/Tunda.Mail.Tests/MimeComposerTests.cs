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
    public void each_message_gets_its_own_random_message_id_at_the_senders_domain()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => ComposedMail.Of(ComposedMail.Simple()).Header("Message-ID")).ToList();

        ids.Distinct().Count().ShouldBe(50);
        ids.ShouldAllBe(id => id!.EndsWith("@tunda.example>", StringComparison.Ordinal));
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

    [GeneratedRegex(@"=\?UTF-8\?B\?[^?]*\?=")]
    private static partial Regex EncodedWordPattern();
}
