using Tunda.Mail.Classification;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Classification;

public sealed class AutomaticMailTests
{
    private static readonly MailClassifierOptions Options = new() { TrustedAuthServId = "mx.tunda.it" };

    private static MailClassification Classify(ParsedMessage message) => MailClassifier.Classify(message, Options);

    [Fact]
    public void mail_written_by_a_person_is_personal_with_no_reasons()
    {
        var result = Classify(Built.Message([("Auto-Submitted", "no"), ("Precedence", "first-class")]));

        result.Kind.ShouldBe(MailKind.Personal);
        result.Reasons.ShouldBeEmpty();
        result.IsAutomatic.ShouldBeFalse();
        result.MayAnswerAutomatically.ShouldBeTrue();
        result.DeliveryReport.ShouldBeNull();
    }

    [Theory]
    [InlineData("auto-generated")]
    [InlineData("auto-replied")]
    [InlineData("auto-notified")]
    [InlineData("Auto-Generated; owner-email=\"bot@example.it\"")]
    [InlineData("auto-generated (by the billing robot)")]
    [InlineData("(comment first) auto-generated")]
    public void auto_submitted_other_than_no_is_an_automatic_answer(string value)
    {
        var result = Classify(Built.Message([("Auto-Submitted", value)]));

        result.Kind.ShouldBe(MailKind.AutoReply);
        result.Reasons.ShouldContain(r => r.StartsWith("Auto-Submitted:", StringComparison.Ordinal));
        result.IsAutomatic.ShouldBeTrue();
        result.MayAnswerAutomatically.ShouldBeFalse();
    }

    [Theory]
    [InlineData("no (a person wrote this)")]
    [InlineData("NO")]
    [InlineData("")]
    public void auto_submitted_no_is_personal(string value)
    {
        Classify(Built.Message([("Auto-Submitted", value)])).Kind.ShouldBe(MailKind.Personal);
    }

    [Theory]
    [InlineData("bulk")]
    [InlineData("junk")]
    [InlineData("list")]
    [InlineData("Bulk (newsletter)")]
    public void precedence_bulk_junk_or_list_is_bulk(string value)
    {
        var result = Classify(Built.Message([("Precedence", value)]));

        result.Kind.ShouldBe(MailKind.Bulk);
        result.Reasons.ShouldContain($"Precedence: {value.Split(' ')[0].ToLowerInvariant()}");
    }

    [Fact]
    public void precedence_auto_reply_is_an_automatic_answer()
    {
        Classify(Built.Message([("Precedence", "auto_reply")])).Kind.ShouldBe(MailKind.AutoReply);
    }

    [Theory]
    [InlineData("List-Id", "<clienti.lists.example.it>")]
    [InlineData("List-Unsubscribe", "<mailto:leave@lists.example.it>")]
    public void list_headers_make_bulk_mail(string name, string value)
    {
        var result = Classify(Built.Message([(name, value)]));

        result.Kind.ShouldBe(MailKind.Bulk);
        result.Reasons.ShouldBe([$"{name} present"]);
    }

    [Fact]
    public void an_automatic_answer_from_a_list_is_an_automatic_answer_not_bulk()
    {
        var result = Classify(Built.Message([("List-Id", "<l.example.it>"), ("Auto-Submitted", "auto-generated")]));

        result.Kind.ShouldBe(MailKind.AutoReply);
        result.Reasons.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("X-Loop", "support@tunda.it")]
    [InlineData("Return-Path", "<>")]
    [InlineData("Return-Path", " < > (null sender)")]
    public void loop_markers_and_an_empty_return_path_are_automatic(string name, string value)
    {
        Classify(Built.Message([(name, value)])).Kind.ShouldBe(MailKind.AutoReply);
    }

    [Fact]
    public void a_return_path_with_an_address_is_no_signal()
    {
        Classify(Built.Message([("Return-Path", "<mario.rossi@example.it>")])).Kind.ShouldBe(MailKind.Personal);
    }

    [Theory]
    [InlineData("noreply@shop.example.it")]
    [InlineData("No-Reply@shop.example.it")]
    [InlineData("do-not-reply@bank.example.it")]
    [InlineData("POSTMASTER@example.it")]
    public void robot_senders_are_automatic(string from)
    {
        var result = Classify(Built.Message(from: from));

        result.IsAutomatic.ShouldBeTrue();
        result.Reasons.ShouldContain($"Sent by {from}");
    }

    [Theory]
    [InlineData("noreplyfan@example.it")]
    [InlineData("mario@noreply.example.it")]
    public void robot_words_elsewhere_in_the_address_do_not_count(string from)
    {
        Classify(Built.Message(from: from)).Kind.ShouldBe(MailKind.Personal);
    }

    [Fact]
    public void exchange_suppress_header_alone_keeps_the_mail_personal_but_forbids_an_automatic_answer()
    {
        var result = Classify(Built.Message([("X-Auto-Response-Suppress", "All")]));

        result.Kind.ShouldBe(MailKind.Personal);
        result.SenderAsksNoAutoReply.ShouldBeTrue();
        result.MayAnswerAutomatically.ShouldBeFalse();
        result.Reasons.ShouldHaveSingleItem().ShouldContain("X-Auto-Response-Suppress");
    }

    [Fact]
    public void exchange_suppress_header_for_read_receipts_only_allows_an_automatic_answer()
    {
        var result = Classify(Built.Message([("X-Auto-Response-Suppress", "RN, NRN")]));

        result.SenderAsksNoAutoReply.ShouldBeFalse();
        result.MayAnswerAutomatically.ShouldBeTrue();
    }

    [Fact]
    public void a_read_receipt_is_an_automatic_answer()
    {
        var body = Built.Multipart("report", [("report-type", "disposition-notification")],
            Built.Text("plain", "Il messaggio è stato letto."),
            Built.Bytes("message", "disposition-notification", "Final-Recipient: rfc822; mario@example.it\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n"));

        var result = Classify(Built.Message(subject: "Letto: Fattura", body: body));

        result.Kind.ShouldBe(MailKind.AutoReply);
        result.DeliveryReport.ShouldBeNull();
    }
}
