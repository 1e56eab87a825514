using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests;

/// <summary>What the composer writes, the parser reads back unchanged.</summary>
public sealed class ComposerRoundTripTests
{
    [Fact]
    public void a_composed_message_reads_back_with_its_subject_addresses_bodies_and_threading()
    {
        var subject = "Ticket #42: il dominio è rinnovato – 日本語 😀 " + new string('à', 40);
        var text = "Gentile cliente,\nil dominio è rinnovato.\n\n-- \nTunda Assistenza";
        var outgoing = ComposedMail.Simple(subject, text) with
        {
            From = new MailboxAddress("support@tunda.example", "Tunda – Assistenza, \"Clienti\""),
            To = [new MailboxAddress("mario.rossi@example.it", "Mario Rossi")],
            Cc = [new MailboxAddress("info@perché.it")],
            HtmlBody = "<p>Gentile cliente,<br>il dominio <b>è</b> rinnovato.</p>",
            MessageId = "reply-1@tunda.example",
            InReplyTo = "q1@client.example",
            References = ["q0@client.example", "q1@client.example"],
            Date = new DateTimeOffset(2026, 12, 3, 9, 15, 0, TimeSpan.FromHours(1)),
        };

        var parsed = MimeParser.Parse(ComposedMail.BytesOf(MimeComposer.Compose(outgoing)), DateTimeOffset.UnixEpoch);

        parsed.Problems.ShouldBeEmpty();
        parsed.Subject.ShouldBe(subject);
        parsed.From.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.Address.ShouldBe("support@tunda.example"),
            f => f.DisplayName.ShouldBe("Tunda – Assistenza, \"Clienti\""));
        parsed.To.ShouldHaveSingleItem().DisplayName.ShouldBe("Mario Rossi");
        parsed.Cc.ShouldHaveSingleItem().Address.ShouldBe("info@xn--perch-fsa.it");
        parsed.MessageId.ShouldBe("reply-1@tunda.example");
        parsed.InReplyTo.ShouldBe("q1@client.example");
        parsed.References.ShouldBe(["q0@client.example", "q1@client.example"]);
        parsed.Date.ShouldBe(outgoing.Date!.Value);
        parsed.DateFromHeader.ShouldBeTrue();
        parsed.TextBody.TrimEnd().ShouldBe(text);
        parsed.HtmlBody.ShouldNotBeNull().ShouldContain("<b>è</b>");
        parsed.Attachments.ShouldBeEmpty();
        parsed.HasAmbiguousAuthor.ShouldBeFalse();
    }

    [Fact]
    public void an_automatic_mail_from_us_is_classified_as_automatic_when_it_comes_back()
    {
        var parsed = MimeParser.Parse(ComposedMail.BytesOf(MimeComposer.Compose(ComposedMail.Simple() with { AutoSubmitted = true })), DateTimeOffset.UnixEpoch);

        Tunda.Mail.Classification.MailClassifier.Classify(parsed, new()).IsAutomatic.ShouldBeTrue();
    }

    [Fact]
    public void a_long_url_header_and_a_subject_with_control_characters_read_back_unchanged()
    {
        var url = "<https://tunda.example/disiscriviti?token=" + new string('a', 120) + ">";
        var subject = "Avviso\u001b[31m e riga\u2028separata";

        var parsed = MimeParser.Parse(ComposedMail.BytesOf(MimeComposer.Compose(ComposedMail.Simple(subject) with { Headers = [new("List-Unsubscribe", url)] })), DateTimeOffset.UnixEpoch);

        parsed.Subject.ShouldBe(subject);
        parsed.Headers["List-Unsubscribe"].ShouldBe(url);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  spazi  iniziali e  doppi ")]
    [InlineData("=?UTF-8?B?ZmFsc28=?= non decodificare")]
    public void unusual_subjects_read_back_unchanged(string subject)
    {
        var parsed = MimeParser.Parse(ComposedMail.BytesOf(MimeComposer.Compose(ComposedMail.Simple(subject))), DateTimeOffset.UnixEpoch);

        parsed.Subject.ShouldBe(subject.Trim());
    }

    [Fact]
    public void display_names_with_commas_quotes_and_encoded_word_lookalikes_read_back_as_written()
    {
        string[] names = ["Rossi, Mario", "=?UTF-8?B?c3VwcG9ydEB0dW5kYS5pdA==?=", "Anna \"Nina\" Verdi", "Lücke (Büro)"];
        var outgoing = ComposedMail.Simple() with { To = [.. names.Select((n, i) => new MailboxAddress($"p{i}@example.it", n))] };

        var parsed = MimeParser.Parse(ComposedMail.BytesOf(MimeComposer.Compose(outgoing)), DateTimeOffset.UnixEpoch);

        parsed.To.Select(m => m.DisplayName).ShouldBe(names);
        parsed.To.Select(m => m.Address).ShouldBe(names.Select((_, i) => $"p{i}@example.it"));
    }
}
