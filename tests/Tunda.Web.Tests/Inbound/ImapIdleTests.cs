using System.Diagnostics;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>With polling every 5 minutes, the app still imports new mail within seconds where the server announces IDLE.</summary>
public sealed class ImapIdleTests(DovecotServer dovecot) : IClassFixture<DovecotServer>
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task a_message_appended_while_idling_is_imported_within_five_seconds_and_shutdown_ends_the_idle()
    {
        var mailbox = new ImapMailboxes(dovecot).NewMailbox();
        mailbox.PollInterval = FiveMinutes;
        var app = await TundaApp.StartAsync(builder => ImapMailboxes.Configure(builder, 0, mailbox));
        try
        {
            await IdlingAsync(app, mailbox);

            var appended = Stopwatch.StartNew();
            await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("subito"));
            await StoredAsync(app, "subito@example.it", seconds: 5);

            appended.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
            await ProcessedAsync(app);
            (await ImapMailboxes.MessagesAsync(mailbox, "INBOX")).Single().HasFlag(ImapPoller.ImportedKeyword).ShouldBeTrue();
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await app.DisposeAsync();

            // An IDLE that ignored the shutdown would hold the host until its shutdown timeout.
            stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        }
    }

    [Fact]
    public async Task after_a_dropped_connection_the_app_reconnects_and_idles_again()
    {
        using var relay = new LoopbackRelay(dovecot.Host, dovecot.ImapsPort);
        var mailbox = new ImapMailboxes(dovecot).NewMailbox();
        mailbox.PollInterval = FiveMinutes;
        mailbox.Port = relay.Port;
        await using var app = await TundaApp.StartAsync(builder => ImapMailboxes.Configure(builder, 0, mailbox));
        await IdlingAsync(app, mailbox);

        relay.DropAll();
        await TestMessages.EventuallyAsync(() => Task.FromResult(Health(app, mailbox)?.LastError is not null), "the drop is noticed");
        await IdlingAsync(app, mailbox);
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("dopo-il-taglio"));

        await StoredAsync(app, "dopo-il-taglio@example.it", seconds: 5);
        await ProcessedAsync(app);
    }

    [Fact]
    public async Task reissued_idles_keep_the_mailbox_watched()
    {
        var mailbox = new ImapMailboxes(dovecot).NewMailbox();
        mailbox.PollInterval = FiveMinutes;
        mailbox.IdleRefresh = TimeSpan.FromMilliseconds(300);
        await using var app = await TundaApp.StartAsync(builder => ImapMailboxes.Configure(builder, 0, mailbox));
        await IdlingAsync(app, mailbox);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("dopo-tre-idle"));

        await StoredAsync(app, "dopo-tre-idle@example.it", seconds: 5);
        await ProcessedAsync(app);
        Health(app, mailbox).ShouldNotBeNull().LastError.ShouldBeNull();
    }

    /// <summary>Null until the app has started polling.</summary>
    private static ImapMailboxHealth? Health(TundaApp app, ImapMailboxOptions mailbox) =>
        app.Get<ImapPollStatus>().Mailboxes.SingleOrDefault(m => m.Mailbox == mailbox.Name);

    private static Task IdlingAsync(TundaApp app, ImapMailboxOptions mailbox) =>
        TestMessages.EventuallyAsync(() => Task.FromResult(Health(app, mailbox) is { Idle: true, LastError: null }), "the mailbox is polled once and watched with IDLE");

    private static Task StoredAsync(TundaApp app, string messageId, int seconds) =>
        TestMessages.EventuallyAsync(
            async () => (await InboundRows.ReadAsync(app.Schema)).Any(r => r.MessageId == messageId && r.Channel == "imap"),
            $"{messageId} is imported",
            seconds);

    /// <summary>Stopping the app in the middle of processing what it imported is not what these tests are about.</summary>
    private static Task ProcessedAsync(TundaApp app) => TestMessages.EventuallyAsync(
        async () => (await InboundRows.ReadAsync(app.Schema)).All(r => r.Status != "queued"), "the app processes what it imported");
}
