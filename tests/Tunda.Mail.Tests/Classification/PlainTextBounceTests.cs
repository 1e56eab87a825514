using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Classification;

/// <summary>Bounces written for people, without an RFC 3464 report part.</summary>
public sealed class PlainTextBounceTests
{
    private static MailClassification Classify(ParsedMessage message) => MailClassifier.Classify(message, new MailClassifierOptions());

    [Fact]
    public void a_qmail_bounce_gives_the_recipient_named_above_its_status_code()
    {
        var text = """
            Hi. This is the qmail-send program at mail.example.net.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.

            <giulia@example.org>:
            192.0.2.7 does not like recipient.
            Remote host said: 550 5.1.1 No such user
            Giving up on 192.0.2.7.

            --- Below this line is a copy of the message.

            Return-Path: <support@tunda.it>
            Received: (qmail 1234 invoked from network); 3 Dec 2026 08:00:00 -0000
            Message-ID: <t-44@tunda.it>
            From: support@tunda.it
            To: giulia@example.org
            """;

        var result = Classify(Built.Message(from: "MAILER-DAEMON@mail.example.net", subject: "failure notice", text: text));

        result.Kind.ShouldBe(MailKind.DeliveryStatus);
        var report = result.DeliveryReport.ShouldNotBeNull();
        report.IsStandard.ShouldBeFalse();
        report.OriginalMessageId.ShouldBe("t-44@tunda.it");
        report.Recipients.ShouldHaveSingleItem().ShouldBe(new DeliveryRecipient("giulia@example.org", "failed", "5.1.1", "Remote host said: 550 5.1.1 No such user"));
    }

    [Fact]
    public void an_italian_bounce_gives_the_recipient_on_the_line_of_its_code()
    {
        var text = "Il messaggio non è stato recapitato.\n\nmarco@example.it: 552 5.2.2 casella piena\n";

        var report = Classify(Built.Message(from: "postmaster@aruba.example", subject: "Mancato recapito: Fattura", text: text)).DeliveryReport.ShouldNotBeNull();

        report.Recipients.ShouldHaveSingleItem().ShouldBe(new DeliveryRecipient("marco@example.it", "failed", "5.2.2", "marco@example.it: 552 5.2.2 casella piena"));
        report.OriginalMessageId.ShouldBeNull();
    }

    [Fact]
    public void an_exchange_text_bounce_gives_the_recipient_from_its_diagnostic_section()
    {
        var text = """
            Delivery has failed to these recipients or groups:

            mario@example.it (mario@example.it)
            The email address you entered couldn't be found.

            Diagnostic information for administrators:

            Generating server: EX01.example.it

            mario@example.it
            Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'

            Original message headers:

            Received: from mx.tunda.it by EX01.example.it
            Message-ID: <t-46@tunda.it>
            """;

        var report = Classify(Built.Message(from: "postmaster@example.it", subject: "Undeliverable: Fattura", text: text)).DeliveryReport.ShouldNotBeNull();

        report.Recipients.ShouldHaveSingleItem().ShouldBe(new DeliveryRecipient("mario@example.it", "failed", "5.1.1",
            "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'"));
        report.OriginalMessageId.ShouldBe("t-46@tunda.it");
    }

    [Theory]
    [InlineData("Your message wasn't delivered to anna@example.org because the address couldn't be found.")]
    [InlineData("Il messaggio non è stato recapitato a anna@example.org perché la casella non esiste.")]
    public void a_bounce_sentence_naming_the_recipient_gives_it_with_the_code_that_follows(string sentence)
    {
        var text = $"{sentence}\n\nThe response from the remote server was:\n550 5.1.1 The email account does not exist.\n";

        var report = Classify(Built.Message(from: "mailer-daemon@googlemail.example", subject: "Delivery Status Notification (Failure)", text: text)).DeliveryReport.ShouldNotBeNull();

        report.Recipients.ShouldHaveSingleItem().ShouldBe(new DeliveryRecipient("anna@example.org", "failed", "5.1.1", "550 5.1.1 The email account does not exist."));
    }

    [Fact]
    public void a_bounce_subject_on_automatic_mail_from_any_sender_is_a_delivery_status_even_without_readable_recipients()
    {
        var result = Classify(Built.Message([("Return-Path", "<>")], from: "server@example.it", subject: "Delivery Status Notification (Failure)", text: "Your message could not be delivered."));

        result.Kind.ShouldBe(MailKind.DeliveryStatus);
        result.DeliveryReport.ShouldNotBeNull().Recipients.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Fwd: Undelivered Mail Returned to Sender")]
    [InlineData("I: Mancato recapito: fattura")]
    [InlineData("Mail delivery failed: perché?")]
    public void a_customer_asking_about_a_bounce_is_personal(string subject)
    {
        var text = "Ciao, ricevo questo errore, potete aiutarmi?\n\n---------- Forwarded message ---------\n"
            + "From: Mail Delivery System <MAILER-DAEMON@mx.example.it>\n\n<x@example.com>: 550 5.1.1 User unknown\n";

        var result = Classify(Built.Message(from: "mario.rossi@example.it", subject: subject, text: text));

        result.Kind.ShouldBe(MailKind.Personal);
        result.DeliveryReport.ShouldBeNull();
    }

    [Fact]
    public void a_non_standard_bounce_takes_the_message_id_of_an_attached_original()
    {
        var body = Built.Multipart("mixed", [],
            Built.Text("plain", "Delivery failed for 5.1.1 <x@example.it>"),
            Built.Embedded(Built.WithMessageId(Built.Message(), "t-45@tunda.it")));

        var report = Classify(Built.Message(from: "Mailer-Daemon@example.it", subject: "Returned mail: see transcript", body: body)).DeliveryReport.ShouldNotBeNull();

        report.OriginalMessageId.ShouldBe("t-45@tunda.it");
        report.Recipients.ShouldHaveSingleItem().Recipient.ShouldBe("x@example.it");
    }

    [Fact]
    public void a_hostile_bounce_text_is_read_without_hanging_and_ip_addresses_are_no_status_codes()
    {
        var text = "<a@b.example>:\nhost 192.5.1.1 refused\n" + string.Concat(Enumerable.Repeat("a.a.a@", 300_000)) + "\n"
            + string.Concat(Enumerable.Repeat("x@y.z 5.", 100_000)) + "\nMessage-ID:";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var report = Classify(Built.Message([("Return-Path", "<>")], from: "MAILER-DAEMON@example.it", subject: "failure notice", text: text)).DeliveryReport.ShouldNotBeNull();

        // Not a benchmark: a hang guard (backtracking patterns would take hours on this text).
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        report.Recipients.ShouldBeEmpty();
        report.OriginalMessageId.ShouldBeNull();
    }

    [Fact]
    public void an_html_only_bounce_is_read_from_its_text_not_its_markup()
    {
        var html = "<html><body><p><b>anna@example.org</b>: 550 5.1.1 <i>mailbox unavailable</i></p></body></html>";
        var message = new ParsedMessage
        {
            Headers = Built.Headers([("From", "MAILER-DAEMON@mx.example.it"), ("Subject", "Mail delivery failed")]),
            Subject = "Mail delivery failed",
            From = [Built.Mailbox("MAILER-DAEMON@mx.example.it")],
            Body = Built.Text("html", html),
            TextBody = "anna@example.org: 550 5.1.1 mailbox unavailable",
        };

        var report = Classify(message).DeliveryReport.ShouldNotBeNull();

        report.Recipients.ShouldHaveSingleItem().DiagnosticCode.ShouldBe("anna@example.org: 550 5.1.1 mailbox unavailable");
    }
}
