using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Classification;

public sealed class DeliveryStatusTests
{
    private const string TwoRecipients = """
        Reporting-MTA: dns; mx.tunda.it
        X-Postfix-Queue-ID: 4ABC123
        Arrival-Date: Thu,  3 Dec 2026 09:00:00 +0100

        Final-Recipient: rfc822; mario.rossi@example.it
        Original-Recipient: rfc822;Mario.Rossi@Example.it
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.example.it
        Diagnostic-Code: smtp; 550 5.1.1 <mario.rossi@example.it>: Recipient
            address rejected: User unknown

        Final-Recipient: RFC822; <luca@example.com> (the second one)
        Action: Delayed (will retry)
        Status: 4.4.1 (no answer from host)
        Diagnostic-Code: X-Postfix; connect to mx.example.com: Connection timed out
        """;

    private static MailClassification Classify(ParsedMessage message) => MailClassifier.Classify(message, new MailClassifierOptions());

    private static ParsedMessage StandardReport(string status, MimeEntity original) => Built.Message(
        [("Auto-Submitted", "auto-replied"), ("Return-Path", "<>")],
        from: "MAILER-DAEMON@mx.tunda.it",
        subject: "Undelivered Mail Returned to Sender",
        text: "This is the mail system at host mx.tunda.it.",
        body: Built.Multipart("report", [("report-type", "delivery-status")],
            Built.Text("plain", "This is the mail system at host mx.tunda.it."),
            Built.Bytes("message", "delivery-status", status),
            original));

    [Fact]
    public void a_standard_report_gives_every_recipient_with_action_status_and_diagnostic()
    {
        var original = Built.Embedded(WithId(Built.Message(), "t-42@tunda.it"));

        var result = Classify(StandardReport(TwoRecipients, original));

        result.Kind.ShouldBe(MailKind.DeliveryStatus);
        var report = result.DeliveryReport.ShouldNotBeNull();
        report.IsStandard.ShouldBeTrue();
        report.OriginalMessageId.ShouldBe("t-42@tunda.it");
        report.Recipients.Count.ShouldBe(2);
        report.Recipients[0].ShouldBe(new DeliveryRecipient("Mario.Rossi@Example.it", "failed", "5.1.1",
            "smtp; 550 5.1.1 <mario.rossi@example.it>: Recipient address rejected: User unknown"));
        report.Recipients[1].ShouldBe(new DeliveryRecipient("luca@example.com", "delayed", "4.4.1",
            "X-Postfix; connect to mx.example.com: Connection timed out"));
        result.Reasons.ShouldContain("Delivery status notification (multipart/report, RFC 3464)");
        result.Reasons.ShouldContain("Return-Path is empty (<>)");
    }

    [Fact]
    public void the_original_message_id_is_read_from_returned_headers_only()
    {
        var headers = Built.Bytes("text", "rfc822-headers", "From: support@tunda.it\r\nMessage-ID:\r\n <t-43@tunda.it>\r\nSubject: Fattura\r\n");

        var report = Classify(StandardReport(TwoRecipients.Replace("\n", "\r\n", StringComparison.Ordinal), headers)).DeliveryReport.ShouldNotBeNull();

        report.OriginalMessageId.ShouldBe("t-43@tunda.it");
        report.Recipients.Count.ShouldBe(2);
    }

    [Fact]
    public void a_report_without_the_blank_line_after_the_message_fields_still_gives_its_recipient()
    {
        var status = "Reporting-MTA: dns; mx.tunda.it\nFinal-Recipient: rfc822; anna@example.it\nAction: failed\nStatus: 5.2.2\n";

        var report = Classify(StandardReport(status, Built.Text("plain", "no original"))).DeliveryReport.ShouldNotBeNull();

        report.Recipients.ShouldHaveSingleItem().ShouldBe(new DeliveryRecipient("anna@example.it", "failed", "5.2.2", null));
        report.OriginalMessageId.ShouldBeNull();
    }

    [Fact]
    public void a_delivery_report_outranks_the_auto_reply_signals_it_carries()
    {
        var result = Classify(StandardReport(TwoRecipients, Built.Text("plain", "")));

        result.Kind.ShouldBe(MailKind.DeliveryStatus);
        result.Reasons.ShouldContain("Auto-Submitted: auto-replied");
        result.Reasons.ShouldContain("Sent by MAILER-DAEMON@mx.tunda.it");
    }

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
    public void a_bounce_subject_from_any_sender_is_a_delivery_status_even_without_readable_recipients()
    {
        var result = Classify(Built.Message(from: "server@example.it", subject: "Delivery Status Notification (Failure)", text: "Your message could not be delivered."));

        result.Kind.ShouldBe(MailKind.DeliveryStatus);
        result.DeliveryReport.ShouldNotBeNull().Recipients.ShouldBeEmpty();
    }

    [Fact]
    public void a_non_standard_bounce_takes_the_message_id_of_an_attached_original()
    {
        var body = Built.Multipart("mixed", [],
            Built.Text("plain", "Delivery failed for 5.1.1 <x@example.it>"),
            Built.Embedded(WithId(Built.Message(), "t-45@tunda.it")));

        var report = Classify(Built.Message(from: "Mailer-Daemon@example.it", subject: "Returned mail: see transcript", body: body)).DeliveryReport.ShouldNotBeNull();

        report.OriginalMessageId.ShouldBe("t-45@tunda.it");
        report.Recipients.ShouldHaveSingleItem().Recipient.ShouldBe("x@example.it");
    }

    private static ParsedMessage WithId(ParsedMessage message, string id) => new()
    {
        Headers = message.Headers,
        Subject = message.Subject,
        From = message.From,
        Body = message.Body,
        TextBody = message.TextBody,
        MessageId = id,
    };
}
