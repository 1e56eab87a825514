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
        var original = Built.Embedded(Built.WithMessageId(Built.Message(), "t-42@tunda.it"));

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
}
