using Tunda.Web.Features.Email;
using Wolverine;
using Wolverine.Tracking;

namespace Tunda.Web.Tests;

public sealed class EmailTests
{
    [Fact]
    public async Task a_published_send_email_is_delivered_over_smtp_in_italian_with_message_id_and_auto_submitted()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await TundaApp.StartAsync(EmailApps.Smtp(smtp));
        var message = EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues());

        var tracked = await app.TrackAsync(bus => bus.PublishAsync(message));

        tracked.Executed.SingleMessage<SendEmail>().Id.ShouldBe(message.Id);
        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.Recipients.ShouldBe(["mario.rossi@example.it"]);
        mail.MailFrom.ShouldBe(EmailApps.From);
        var parsed = mail.Parsed();
        parsed.From.Mailboxes.Select(m => (m.Name, m.Address)).ShouldBe([("Tunda Assistenza", EmailApps.From)]);
        parsed.To.Mailboxes.Select(m => (m.Name, m.Address)).ShouldBe([("Mario Rossi", "mario.rossi@example.it")]);
        mail.Header("Subject").ShouldBe("Conferma il tuo indirizzo e-mail");
        mail.Header("Message-ID").ShouldBe(await EmailApps.MessageIdFieldAsync(app, message));
        mail.Header("Auto-Submitted").ShouldBe("auto-generated");
        var text = mail.TextBody();
        text.ShouldStartWith("Gentile Mario Rossi,");
        text.ShouldContain("attivare l'accesso all'Area Cliente");
        text.ShouldContain("https://area.tunda.example/conferma?token=abc123");
        text.ShouldContain("Cordiali saluti,\r\nTunda");
    }

    [Fact]
    public async Task english_is_sent_when_the_language_is_en_and_italian_for_an_unknown_language()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await TundaApp.StartAsync(EmailApps.Smtp(smtp));

        await app.TrackAsync(async bus =>
        {
            await bus.PublishAsync(EmailApps.Mail("password-reset", "en", new Dictionary<string, string> { ["name"] = "Jane", ["resetLink"] = "https://x.example/r" }, to: "jane@example.com"));
            await bus.PublishAsync(EmailApps.Mail("password-reset", "de", new Dictionary<string, string> { ["name"] = "Hans", ["resetLink"] = "https://x.example/r" }, to: "hans@example.de"));
        });

        var english = smtp.Received.Where(m => m.Recipients.Contains("jane@example.com")).ShouldHaveSingleItem();
        english.Header("Subject").ShouldBe("Resetting your password");
        english.TextBody().ShouldContain("The link is valid for 60 minutes");
        smtp.Received.Where(m => m.Recipients.Contains("hans@example.de")).ShouldHaveSingleItem().Header("Subject").ShouldBe("Reimpostazione della password");
    }

    [Fact]
    public async Task a_missing_template_value_dead_letters_the_mail_at_once_with_a_clear_error()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await TundaApp.StartAsync(EmailApps.Smtp(smtp));
        var message = EmailApps.Mail("confirm-email", "it", new Dictionary<string, string> { ["name"] = "Mario" });

        var tracked = await app.TrackFailuresAsync(bus => bus.PublishAsync(message));

        tracked.MovedToErrorQueue.SingleMessage<SendEmail>().Id.ShouldBe(message.Id);
        tracked.Requeued.Envelopes().ShouldBeEmpty();
        var dead = (await app.DeadLettersAsync()).ShouldHaveSingleItem();
        dead.MessageType.ShouldBe(SendEmail.Alias);
        dead.Envelope.Attempts.ShouldBe(1);
        dead.ExceptionMessage.ShouldContain("{{confirmLink}}");
        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_recipient_address_that_would_inject_a_header_is_dead_lettered_and_never_sent()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await TundaApp.StartAsync(EmailApps.Smtp(smtp));

        await app.TrackFailuresAsync(bus => bus.PublishAsync(EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues(), to: "mario@example.it\r\nBcc: vittima@example.it")));

        (await app.DeadLettersAsync()).ShouldHaveSingleItem().ExceptionMessage.ShouldContain("line break");
        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_recipient_name_with_a_line_break_is_folded_and_the_mail_goes_without_an_injected_header()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = await TundaApp.StartAsync(EmailApps.Smtp(smtp));

        await app.TrackAsync(bus => bus.PublishAsync(EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues()) with { ToName = "Mario\r\nBcc: vittima@example.it" }));

        var sent = smtp.Received.ShouldHaveSingleItem();
        sent.Recipients.ShouldNotContain("vittima@example.it");
        var parsed = sent.Parsed();
        parsed.Bcc.Count.ShouldBe(0);
        parsed.To.Mailboxes.ShouldHaveSingleItem().Name.ShouldBe("Mario Bcc: vittima@example.it");
        (await app.DeadLettersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_temporary_smtp_refusal_is_retried_not_lost()
    {
        await using var smtp = new LoopbackSmtpServer();
        smtp.Fail("MAIL", "451 4.3.0 Try again later");
        await using var app = await TundaApp.StartAsync(EmailApps.Smtp(smtp));
        var message = EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues());

        var tracked = await app.TrackUntilAsync(r => r.MessageEventType == MessageEventType.Requeued, bus => bus.PublishAsync(message));

        tracked.Requeued.SingleMessage<SendEmail>().Id.ShouldBe(message.Id);
        await TestMessages.EventuallyAsync(
            async () => (await app.InboxAsync()).Any(e => e.Status == EnvelopeStatus.Scheduled && e.Attempts >= 1 && e.ScheduledTime > DateTimeOffset.UtcNow),
            "the mail waits in the inbox for its retry");
        (await app.DeadLettersAsync()).ShouldBeEmpty();
        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task smtp_without_a_sender_address_stops_the_app_at_start_with_a_clear_error()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            PlatformApp.StartAsync(settings: new Dictionary<string, string?> { ["Tunda:Mail:Smtp:Host"] = "127.0.0.1" }));

        error.Message.ShouldBe("Tunda:Mail:Smtp:Host is set, so Tunda:Mail:From must name the address automatic mails are sent from.");
    }
}
