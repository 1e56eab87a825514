using Tunda.Mail.Classification;
using Tunda.Mail.Tests.Parsing;

namespace Tunda.Mail.Tests.Classification;

/// <summary>Classification of whole messages as they arrive, read by <see cref="Tunda.Mail.Parsing.MimeParser"/>.</summary>
public sealed class RawMailClassificationTests
{
    private static readonly MailClassifierOptions Options = new() { TrustedAuthServId = "mx.tunda.it" };

    [Fact]
    public void a_postfix_bounce_gives_its_recipient_status_and_our_original_message_id()
    {
        var message = Parse.Message("""
            Return-Path: <>
            Authentication-Results: mx.tunda.it; spf=none smtp.helo=mx.tunda.it
            Date: Thu,  3 Dec 2026 09:00:05 +0100 (CET)
            From: MAILER-DAEMON@mx.tunda.it (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: support@tunda.it
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            	boundary="4ABC123.1764748805/mx.tunda.it"
            Message-Id: <20261203080005.5D1@mx.tunda.it>

            This is a MIME-encapsulated message.

            --4ABC123.1764748805/mx.tunda.it
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx.tunda.it.

            <mario.rossi@example.it>: host mx.example.it[192.0.2.1] said: 550 5.1.1
                <mario.rossi@example.it>: Recipient address rejected: User unknown

            --4ABC123.1764748805/mx.tunda.it
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.tunda.it
            X-Postfix-Queue-ID: 4ABC123
            Arrival-Date: Thu,  3 Dec 2026 09:00:04 +0100 (CET)

            Final-Recipient: rfc822; mario.rossi@example.it
            Original-Recipient: rfc822;mario.rossi@example.it
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.it
            Diagnostic-Code: smtp; 550 5.1.1 <mario.rossi@example.it>: Recipient address
                rejected: User unknown

            --4ABC123.1764748805/mx.tunda.it
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            Return-Path: <support@tunda.it>
            From: Tunda Assistenza <support@tunda.it>
            To: mario.rossi@example.it
            Subject: Il tuo ticket #42
            Message-ID: <ticket-42-reply-1@tunda.it>

            --4ABC123.1764748805/mx.tunda.it--
            """);

        var result = MailClassifier.Classify(message, Options);

        result.Kind.ShouldBe(MailKind.DeliveryStatus);
        var report = result.DeliveryReport.ShouldNotBeNull();
        report.IsStandard.ShouldBeTrue();
        report.OriginalMessageId.ShouldBe("ticket-42-reply-1@tunda.it");
        report.Recipients.ShouldHaveSingleItem().ShouldBe(new DeliveryRecipient("mario.rossi@example.it", "failed", "5.1.1",
            "smtp; 550 5.1.1 <mario.rossi@example.it>: Recipient address rejected: User unknown"));
        result.Authentication.ShouldBe(new AuthenticationVerdicts("none", null, null));
    }

    [Fact]
    public void an_exchange_out_of_office_in_italian_is_out_of_office()
    {
        var message = Parse.Message("""
            From: Mario Rossi <mario.rossi@example.it>
            To: Tunda Assistenza <support@tunda.it>
            Subject: =?utf-8?Q?Risposta_automatica:_Il_tuo_ticket_#42?=
            Date: Thu, 3 Dec 2026 08:00:00 +0000
            Message-ID: <oof-1@example.it>
            Auto-Submitted: auto-generated
            X-MS-Exchange-Inbox-Rules-Loop: mario.rossi@example.it
            X-Auto-Response-Suppress: All
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: quoted-printable

            Sono fuori sede fino al 10 dicembre, risponder=C3=B2 al rientro.
            """);

        var result = MailClassifier.Classify(message, Options);

        result.Kind.ShouldBe(MailKind.OutOfOffice);
        result.MayAnswerAutomatically.ShouldBeFalse();
        result.Authentication.ShouldBeNull();
    }

    [Fact]
    public void a_forged_authentication_result_below_ours_does_not_make_dmarc_pass()
    {
        var message = Parse.Message("""
            Authentication-Results: mx.tunda.it;
            	dkim=none (no signature);
            	spf=fail (domain of bank.example does not designate 203.0.113.9) smtp.mailfrom=bank.example;
            	dmarc=fail (p=reject) header.from=bank.example
            Received: from evil.example (evil.example [203.0.113.9]) by mx.tunda.it
            Authentication-Results: mx.tunda.it; dkim=pass; spf=pass; dmarc=pass
            From: "support@bank.example" <ceo@bank.example>
            To: support@tunda.it
            Subject: Pagamento urgente
            Message-ID: <forged@evil.example>

            Paga subito.
            """);

        var result = MailClassifier.Classify(message, Options);

        result.Kind.ShouldBe(MailKind.Personal);
        result.Authentication.ShouldBe(new AuthenticationVerdicts("fail", "none", "fail"));
        result.Authentication!.DmarcPassed.ShouldBeFalse();
    }

    [Fact]
    public void a_mailing_list_post_is_bulk()
    {
        var message = Parse.Message("""
            From: Luca Bianchi <luca@example.org>
            To: utenti@lists.example.org
            Subject: [utenti] Aggiornamento PHP
            List-Id: Utenti <utenti.lists.example.org>
            List-Unsubscribe: <mailto:utenti-leave@lists.example.org>
            Precedence: list

            Qualcuno ha aggiornato a PHP 8.4?
            """);

        var result = MailClassifier.Classify(message, Options);

        result.Kind.ShouldBe(MailKind.Bulk);
        result.Reasons.ShouldBe(["Precedence: list", "List-Id present", "List-Unsubscribe present"]);
    }

    [Fact]
    public void a_gmail_reply_is_personal_and_its_quotation_is_cut()
    {
        var message = Parse.Message($"""
            From: Mario Rossi <mario.rossi@gmail.example>
            To: support@tunda.it
            Subject: Re: Il tuo ticket #42
            In-Reply-To: <ticket-42-reply-1@tunda.it>
            Content-Type: text/plain; charset="UTF-8"

            Perfetto, grazie!

            On Thu, Dec 3, 2026 at 9:15 AM Tunda Assistenza <support@tunda.it>
            wrote:

            > {ReplyText.OurSeparator}
            > Gentile cliente, abbiamo rinnovato il dominio.
            """);

        MailClassifier.Classify(message, Options).Kind.ShouldBe(MailKind.Personal);
        ReplyText.StripQuoted(message.TextBody).ShouldBe("Perfetto, grazie!");
    }
}
