using Microsoft.AspNetCore.Hosting;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Configuration;
using Tunda.Web.Features.Email;

namespace Tunda.Web.Tests;

public sealed class EmailTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_published_send_email_is_delivered_over_smtp_in_italian_with_message_id_and_auto_submitted()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = new TundaApp();
        var bus = await app.WithSmtp(smtp).BusReadyAsync();
        var message = EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues());

        (await bus.PublishAsync(message, message.Id)).ShouldBeTrue();

        var mail = await smtp.WaitForMessageAsync(m => m.Recipients.Contains("mario.rossi@example.it"), Wait);
        mail.MailFrom.ShouldBe(EmailApps.From);
        mail.Header("From").ShouldBe($"\"Tunda Assistenza\" <{EmailApps.From}>");
        mail.Header("To").ShouldBe("\"Mario Rossi\" <mario.rossi@example.it>");
        mail.Header("Subject").ShouldBe("Conferma il tuo indirizzo e-mail");
        mail.Header("Message-ID").ShouldBe($"<{message.Id:N}@tunda.example>");
        mail.Header("Auto-Submitted").ShouldBe("auto-generated");
        var text = System.Text.Encoding.UTF8.GetString(Mail.QuotedPrintable.Decode(mail.Body));
        text.ShouldStartWith("Gentile Mario Rossi,");
        text.ShouldContain("attivare l'accesso all'Area Cliente");
        text.ShouldContain("https://area.tunda.example/conferma?token=abc123");
        text.ShouldContain("Cordiali saluti,\r\nTunda");
    }

    [Fact]
    public async Task english_is_sent_when_the_language_is_en_and_italian_for_an_unknown_language()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = new TundaApp();
        var bus = await app.WithSmtp(smtp).BusReadyAsync();

        await bus.PublishAsync(EmailApps.Mail("password-reset", "en", new Dictionary<string, string> { ["name"] = "Jane", ["resetLink"] = "https://x.example/r" }, to: "jane@example.com"));
        await bus.PublishAsync(EmailApps.Mail("password-reset", "de", new Dictionary<string, string> { ["name"] = "Hans", ["resetLink"] = "https://x.example/r" }, to: "hans@example.de"));

        var english = await smtp.WaitForMessageAsync(m => m.Recipients.Contains("jane@example.com"), Wait);
        english.Header("Subject").ShouldBe("Resetting your password");
        System.Text.Encoding.UTF8.GetString(Mail.QuotedPrintable.Decode(english.Body)).ShouldContain("The link is valid for 60 minutes");
        var fallback = await smtp.WaitForMessageAsync(m => m.Recipients.Contains("hans@example.de"), Wait);
        fallback.Header("Subject").ShouldBe("Reimpostazione della password");
    }

    [Fact]
    public async Task a_mail_published_by_a_handler_leaves_only_if_the_handlers_work_commits()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = new TundaApp(messaging: new MessagingModule(options =>
        {
            options.Messages.Register<RegisterAndMail>("test_register_and_mail");
            options.Retry<RegisterAndMail>(new RetryPolicy(1, []));
            options.Handlers.Handle<RegisterAndMail>((command, context, _) =>
            {
                context.Publish(EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues(command.Name), to: command.To));
                return command.Fail ? throw new InvalidOperationException("registration refused") : Task.CompletedTask;
            });
        }));
        var bus = await app.WithSmtp(smtp).BusReadyAsync();

        await bus.PublishAsync(new RegisterAndMail("Rolled Back", "rolled.back@example.it", Fail: true));
        await bus.PublishAsync(new RegisterAndMail("Committed", "committed@example.it", Fail: false));

        await smtp.WaitForMessageAsync(m => m.Recipients.Contains("committed@example.it"), Wait);
        await TestMessages.EventuallyAsync(async () => (await bus.DeadLetters.ListAsync()).Count == 1, "the failing registration is a dead letter");
        smtp.Received.ShouldNotContain(m => m.Recipients.Contains("rolled.back@example.it"));
    }

    [Fact]
    public async Task a_missing_template_value_dead_letters_the_mail_at_once_with_a_clear_error()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = new TundaApp();
        var bus = await app.WithSmtp(smtp).BusReadyAsync();

        await bus.PublishAsync(EmailApps.Mail("confirm-email", "it", new Dictionary<string, string> { ["name"] = "Mario" }));

        await TestMessages.EventuallyAsync(async () => (await bus.DeadLetters.ListAsync()).Count == 1, "the mail is a dead letter");
        var dead = (await bus.DeadLetters.ListAsync()).Single();
        dead.Type.ShouldBe(SendEmail.Alias);
        dead.Attempts.ShouldBe(1);
        dead.Error.ShouldContain("{{confirmLink}}");
        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_recipient_that_would_inject_a_header_is_dead_lettered_and_never_sent()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var app = new TundaApp();
        var bus = await app.WithSmtp(smtp).BusReadyAsync();

        await bus.PublishAsync(EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues()) with { ToName = "Mario\r\nBcc: vittima@example.it" });

        await TestMessages.EventuallyAsync(async () => (await bus.DeadLetters.ListAsync()).Count == 1, "the mail is a dead letter");
        (await bus.DeadLetters.ListAsync()).Single().Error.ShouldContain("line break");
        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_temporary_smtp_refusal_is_retried_not_lost()
    {
        await using var smtp = new LoopbackSmtpServer();
        smtp.Fail("MAIL", "451 4.3.0 Try again later");
        await using var app = new TundaApp();
        var bus = await app.WithSmtp(smtp).BusReadyAsync();

        await bus.PublishAsync(EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues()));

        await TestMessages.EventuallyAsync(
            async () => await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.messages WHERE attempts >= 1 AND owner IS NULL") == 1,
            "the first attempt failed and the mail waits for its retry");
        (await TestDatabase.ScalarAsync<string>($"SELECT last_error FROM {app.Schema}.messages")).ShouldContain("451 4.3.0 Try again later");
        (await bus.DeadLetters.ListAsync()).ShouldBeEmpty();
        smtp.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task smtp_without_a_sender_address_stops_the_app_at_start_with_a_clear_error()
    {
        await using var app = new TundaApp();
        using var misconfigured = app.WithWebHostBuilder(builder => builder.UseSetting("Tunda:Mail:Smtp:Host", "127.0.0.1"));

        var error = Should.Throw<InvalidOperationException>(() => misconfigured.CreateClient());

        error.Message.ShouldBe("Tunda:Mail:Smtp:Host is set, so Tunda:Mail:From must name the address automatic mails are sent from.");
    }
}

public sealed record RegisterAndMail(string Name, string To, bool Fail);
