using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Utils;
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
        var from = mail.Message.From.Mailboxes.ShouldHaveSingleItem();
        (from.Name, from.Address).ShouldBe(("Tunda", "noreply@tunda.example"));
        var to = mail.Message.To.Mailboxes.ShouldHaveSingleItem();
        (to.Name, to.Address).ShouldBe(("Mario Rossi", "mario.rossi@example.it"));
        mail.Message.Subject.ShouldBe("Prova");
        mail.Header("MIME-Version").ShouldBe("1.0");
        mail.Message.Body!.ContentType.MimeType.ShouldBe("text/plain");
        mail.Message.Body!.ContentType.Charset.ShouldBe("utf-8");
        mail.Message.Body.Headers["Content-Transfer-Encoding"].ShouldBe("quoted-printable");
        mail.Header("Message-ID")!.ShouldMatch(@"^<[0-9a-f]{32}@tunda\.example>$");
        mail.Count("Auto-Submitted").ShouldBe(0);
        mail.Body.ShouldBe("riga uno\r\nriga due\r\nriga tre=\r\n");
        mail.Message.TextBody!.ReplaceLineEndings("\n").ShouldBe("riga uno\nriga due\nriga tre");
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
        MimeUtils.EnumerateReferences(mail.Header("References")!).ShouldBe(["q0@client.example", "q1@client.example"]);
        mail.Header("Auto-Submitted").ShouldBe("auto-replied", "an automatic answer to a message (RFC 3834)");
        mail.Header("X-Tunda-Template").ShouldBe("confirm-email");
        ComposedMail.Of(ComposedMail.Simple() with { AutoSubmitted = true }).Header("Auto-Submitted").ShouldBe("auto-generated");
        ComposedMail.Of(ComposedMail.Simple()).Header("Auto-Submitted").ShouldBeNull();
    }

    [Fact]
    public void non_ascii_subject_and_display_names_become_encoded_words_that_decode_back()
    {
        var subject = "Conferma dell'indirizzo – è già attivo? 日本語のテキスト 😀 " + new string('à', 60);
        var mail = ComposedMail.Of(ComposedMail.Simple(subject) with
        {
            To = [new MailboxAddress("luca@example.it", "Luca Bianchi – Società Cooperativa Àgape")],
        });

        mail.Message.Subject.ShouldBe(subject);
        mail.Message.To.Mailboxes.ShouldHaveSingleItem().Name.ShouldBe("Luca Bianchi – Società Cooperativa Àgape");
        mail.Bytes.ShouldAllBe(b => b < 128);
        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 998);
        var words = EncodedWordPattern().Matches(mail.RawHeaders).Select(m => m.Value).ToList();
        words.Count.ShouldBeGreaterThan(2);
        foreach (var word in words)
        {
            // Each word must decode on its own: a word never ends inside a UTF-8 sequence.
            MimeKit.Utils.Rfc2047.DecodeText(Encoding.ASCII.GetBytes(word)).ShouldNotContain('\uFFFD');
        }
    }

    [Theory]
    [InlineData("Fattura n. 12 è pronta", "Fattura n. 12", "pronta")]
    [InlineData("Città  e  più spazi", "e", "spazi")]
    public void only_the_words_that_need_it_are_encoded_and_the_text_decodes_back(string subject, string plainStart, string plainEnd)
    {
        var mail = ComposedMail.Of(ComposedMail.Simple(subject));

        var raw = string.Join(' ', mail.RawHeaderLines.SkipWhile(l => !l.StartsWith("Subject:", StringComparison.Ordinal))
            .TakeWhile((l, i) => i == 0 || l.StartsWith(' ') || l.StartsWith('\t')).Select(l => l.Trim()));
        raw.ShouldContain(plainStart);
        raw.ShouldEndWith(plainEnd);
        mail.Message.Subject.ShouldBe(subject);
    }

    [Fact]
    public void every_header_line_is_folded_at_78_characters()
    {
        var longSubject = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"parola{i}"));
        var many = Enumerable.Range(1, 12).Select(i => new MailboxAddress($"contatto{i}@example.it", $"Contatto Numero {i}")).ToList();

        var mail = ComposedMail.Of(ComposedMail.Simple(longSubject) with { To = many, Cc = many });

        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 78);
        mail.RawHeaderLines.Count(l => l.StartsWith(' ') || l.StartsWith('\t')).ShouldBeGreaterThan(6);
        mail.Message.Subject.ShouldBe(longSubject);
        mail.Message.Cc.Mailboxes.Select(m => m.Name).ShouldBe(many.Select(m => m.DisplayName));
    }

    [Fact]
    public void long_field_names_and_long_words_stay_within_the_line_limit_and_read_back()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple("è" + new string('x', 150)) with
        {
            To = [new MailboxAddress("a@example.it", new string('à', 40))],
            Headers = [new("X-A-Rather-Long-Field-Name-For-Testing", "Società " + new string('y', 50))],
        });

        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 998);
        mail.Message.Subject.ShouldBe("è" + new string('x', 150));
        mail.Message.To.Mailboxes.ShouldHaveSingleItem().Name.ShouldBe(new string('à', 40));
        mail.Header("X-A-Rather-Long-Field-Name-For-Testing").ShouldBe("Società " + new string('y', 50));
    }

    [Fact]
    public void a_long_url_in_an_extra_field_stays_whole_because_structured_fields_cannot_hold_encoded_words()
    {
        var url = "<https://tunda.example/disiscriviti?token=" + new string('a', 120) + ">";

        var mail = ComposedMail.Of(ComposedMail.Simple() with { Headers = [new("List-Unsubscribe", url), new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")] });

        mail.Header("List-Unsubscribe")!.Trim().ShouldBe(url);
        mail.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
        mail.RawHeaders.ShouldContain(url);
        mail.RawHeaders.ShouldNotContain("=?");
        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 998);
    }

    [Fact]
    public void a_word_longer_than_any_header_line_may_be_is_encoded_rather_than_breaking_the_line_limit()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with { Headers = [new("X-Token", new string('a', 1000))] });

        mail.RawHeaderLines.ShouldAllBe(l => l.Length <= 998);
        EncodedWordPattern().Matches(mail.RawHeaders).Count.ShouldBeGreaterThan(10);
        EncodedWordPattern().Matches(mail.RawHeaders).ShouldAllBe(w => w.Length <= 75);
        mail.Header("X-Token").ShouldBe(new string('a', 1000));
    }

    [Fact]
    public void display_names_with_specials_read_back_as_given()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with { To = [new MailboxAddress("a@example.it", "Rossi, Mario \"Super\" \\ admin")] });

        var to = mail.Message.To.Mailboxes.ShouldHaveSingleItem();
        (to.Name, to.Address).ShouldBe(("Rossi, Mario \"Super\" \\ admin", "a@example.it"));
    }

    [Fact]
    public void idn_domains_are_written_in_punycode()
    {
        var mail = ComposedMail.Of(ComposedMail.Simple() with { To = [new MailboxAddress("info@perché.it")] });

        mail.RawHeaders.ShouldContain("To: info@xn--perch-fsa.it");
        mail.Message.To.Mailboxes.ShouldHaveSingleItem().Domain.ShouldBe("perché.it");
    }

    [GeneratedRegex(@"=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=")]
    private static partial Regex EncodedWordPattern();
}
