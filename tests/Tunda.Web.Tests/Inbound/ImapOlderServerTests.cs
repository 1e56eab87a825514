using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>A server announcing only IMAP4rev1 (no IDLE, MOVE or UIDPLUS): the poller copes and the app polls it.</summary>
public sealed class ImapOlderServerTests(MinimalDovecotServer dovecot) : IClassFixture<MinimalDovecotServer>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ImapMailboxes _mailboxes = new(dovecot);

    [Fact]
    public async Task without_move_the_imported_message_alone_is_copied_deleted_and_expunged()
    {
        await using var app = await InboundApp.StartAsync();
        await app.Services.GetRequiredService<ImapCheckpoints>().MigrateAsync(None);
        var mailbox = _mailboxes.NewMailbox(processedFolder: "Importati");
        mailbox.MaxMessagesPerRun = 1;
        var first = ImapMailboxes.Mail("copiato");
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", first, ImapMailboxes.Mail("resta"));

        var outcome = await ActivatorUtilities.CreateInstance<ImapPoller>(app.Services).PollOnceAsync(mailbox, None);

        (outcome.Imported, outcome.MoreWaiting).ShouldBe((1, true));
        var left = (await ImapMailboxes.MessagesAsync(mailbox, "INBOX")).ShouldHaveSingleItem();
        left.Flags.ShouldBeEmpty();
        (await ImapMailboxes.MessagesAsync(mailbox, "Importati")).ShouldHaveSingleItem().Size.ShouldBe(first.Length);
        (await app.RowsAsync()).ShouldHaveSingleItem().Raw.ShouldBe(first);
        await app.ProcessedAsync();
    }

    [Fact]
    public async Task a_server_without_idle_is_polled_every_interval()
    {
        var mailbox = _mailboxes.NewMailbox();
        mailbox.PollInterval = TimeSpan.FromSeconds(1);
        await using var app = await TundaApp.StartAsync(builder => ImapMailboxes.Configure(builder, 0, mailbox));
        await TestMessages.EventuallyAsync(
            () => Task.FromResult(app.Get<ImapPollStatus>().Mailboxes.Any(m => m.Mailbox == mailbox.Name && m.LastSuccess is not null)),
            "the first poll has run");

        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("al-prossimo-giro"));

        await TestMessages.EventuallyAsync(
            async () => (await InboundRows.ReadAsync(app.Schema)).Any(r => r.MessageId == "al-prossimo-giro@example.it" && r.Status != "queued"),
            "the next poll imports it and the app processes it");
        app.Get<ImapPollStatus>().Mailboxes.Single(m => m.Mailbox == mailbox.Name).Idle.ShouldBeFalse();
    }
}
