using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Classification;

public sealed class OutOfOfficeTests
{
    private static MailClassification Classify(ParsedMessage message) => MailClassifier.Classify(message, new MailClassifierOptions());

    [Fact]
    public void exchange_out_of_office_is_recognised_by_its_rules_loop_and_subject()
    {
        var result = Classify(Built.Message(
            [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"), ("X-MS-Exchange-Inbox-Rules-Loop", "mario.rossi@example.it")],
            subject: "Automatic reply: Rinnovo dominio"));

        result.Kind.ShouldBe(MailKind.OutOfOffice);
        result.Reasons.ShouldContain("Auto-Submitted: auto-generated");
        result.Reasons.ShouldContain(r => r.StartsWith("Out-of-office answer", StringComparison.Ordinal));
    }

    [Fact]
    public void exchange_out_of_office_in_a_language_we_do_not_know_is_recognised_by_its_headers()
    {
        var result = Classify(Built.Message(
            [("Auto-Submitted", "auto-generated"), ("X-MS-Exchange-Inbox-Rules-Loop", "jan@example.cz")],
            subject: "Automatická odpověď: Rinnovo dominio", text: "Dobrý den"));

        result.Kind.ShouldBe(MailKind.OutOfOffice);
        result.Reasons.ShouldContain("Out-of-office answer (Exchange automatic reply)");
    }

    [Fact]
    public void a_mail_forwarded_by_an_exchange_rule_is_automatic_but_no_absence()
    {
        var result = Classify(Built.Message([("X-MS-Exchange-Inbox-Rules-Loop", "info@example.it")], subject: "Richiesta preventivo", text: "Buongiorno"));

        result.Kind.ShouldBe(MailKind.AutoReply);
    }

    [Theory]
    [InlineData("Risposta automatica: Rinnovo dominio")]
    [InlineData("Automatische Antwort: Rinnovo dominio")]
    [InlineData("Out of Office: Rinnovo dominio")]
    public void an_absence_prefix_in_the_subject_is_enough(string subject)
    {
        Classify(Built.Message(subject: subject)).Kind.ShouldBe(MailKind.OutOfOffice);
    }

    [Theory]
    [InlineData("Re: Risposta automatica: Rinnovo dominio")]
    [InlineData("Sarò assente domani, potete chiamarmi?")]
    public void absence_words_without_an_automatic_header_are_a_persons_mail(string subject)
    {
        Classify(Built.Message(subject: subject)).Kind.ShouldBe(MailKind.Personal);
    }

    [Theory]
    [InlineData("auto-replied", "Ticket #123 ricevuto")]
    [InlineData("auto-replied", "Autoreply: Re: fattura")]
    [InlineData("no", "Auto-Reply: abbiamo ricevuto la richiesta")]
    public void an_automatic_acknowledgement_without_absence_words_is_an_auto_reply(string autoSubmitted, string subject)
    {
        Classify(Built.Message([("Auto-Submitted", autoSubmitted)], subject: subject)).Kind.ShouldBe(MailKind.AutoReply);
    }

    [Theory]
    [InlineData("Fuori sede fino al 10 dicembre")]
    [InlineData("Sono assente")]
    [InlineData("Abwesenheit bis Montag")]
    public void absence_words_with_auto_submitted_are_out_of_office(string subject)
    {
        Classify(Built.Message([("Auto-Submitted", "auto-replied")], subject: subject)).Kind.ShouldBe(MailKind.OutOfOffice);
    }

    [Fact]
    public void zimbra_vacation_is_out_of_office()
    {
        var result = Classify(Built.Message([("Auto-Submitted", "auto-replied (zimbra; vacation)"), ("X-Autoreply", "yes")], subject: "Re: fattura", text: "Grazie."));

        result.Kind.ShouldBe(MailKind.OutOfOffice);
        result.Reasons.ShouldContain("X-Autoreply present");
        result.Reasons.ShouldContain("Out-of-office answer (vacation responder)");
    }

    [Fact]
    public void gmail_vacation_responder_is_out_of_office_whatever_its_subject()
    {
        var result = Classify(Built.Message([("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")], subject: "Grazie per la mail"));

        result.Kind.ShouldBe(MailKind.OutOfOffice);
        result.Reasons.ShouldContain("Precedence: bulk");
    }

    [Theory]
    [InlineData("X-Autorespond", "Re: fattura", "Messaggio ricevuto, risponderemo presto.", MailKind.AutoReply)]
    [InlineData("X-Autoreply", "Re: fattura", "Grazie, la contatteremo.", MailKind.AutoReply)]
    [InlineData("X-Autorespond", "Ferie estive", "Grazie, la contatteremo.", MailKind.OutOfOffice)]
    [InlineData("X-Autoreply", "Re: fattura", "Sono fuori sede fino a lunedì.", MailKind.OutOfOffice)]
    public void an_autoresponder_is_out_of_office_only_when_its_subject_or_text_speaks_of_an_absence(string header, string subject, string text, MailKind kind)
    {
        Classify(Built.Message([(header, "yes")], subject: subject, text: text)).Kind.ShouldBe(kind);
    }

    [Fact]
    public void absence_words_deep_in_the_quoted_original_do_not_make_an_acknowledgement_out_of_office()
    {
        var text = "Messaggio ricevuto.\n" + new string('.', 600) + "\n> Sarò assente la prossima settimana";

        Classify(Built.Message([("Auto-Submitted", "auto-replied")], subject: "Re: fattura", text: text)).Kind.ShouldBe(MailKind.AutoReply);
    }
}
