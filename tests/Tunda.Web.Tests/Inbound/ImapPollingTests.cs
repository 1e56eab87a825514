using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Mail.Imap;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>The IMAP poller against a real dovecot on loopback, storing through the real intake on the test PostgreSQL.</summary>
public sealed class ImapPollingTests(DovecotServer dovecot) : IClassFixture<DovecotServer>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ImapMailboxes _mailboxes = new(dovecot);
    private InboundApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await InboundApp.StartAsync();
        await _app.Services.GetRequiredService<ImapCheckpoints>().MigrateAsync(None);
    }

    /// <summary>Every imported message is processed by the app too; stopping it mid-processing is not what these tests are about.</summary>
    public async Task DisposeAsync()
    {
        try
        {
            await _app.ProcessedAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A poller of its own, as after a restart: nothing in memory, only what PostgreSQL and the server keep.</summary>
    private ImapPoller NewPoller() => ActivatorUtilities.CreateInstance<ImapPoller>(_app.Services,
        ActivatorUtilities.CreateInstance<ImapCheckpoints>(_app.Services, _app.Schema));

    private async Task<List<StoredRow>> ImportedAsync() => [.. (await _app.RowsAsync()).Where(r => r.Channel == "imap")];

    [Fact]
    public async Task new_mail_is_imported_once_and_flagged_on_the_server()
    {
        var mailbox = _mailboxes.NewMailbox();
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("uno"), ImapMailboxes.Mail("due"));
        var poller = NewPoller();

        var first = await poller.PollOnceAsync(mailbox, None);
        var second = await poller.PollOnceAsync(mailbox, None);

        first.ShouldBe(new ImapPollOutcome(Imported: 2, Duplicates: 0, TooLarge: 0, UidValidityChanged: false, MoreWaiting: false));
        second.ShouldBe(new ImapPollOutcome(0, 0, 0, false, false));
        var rows = await ImportedAsync();
        rows.Select(r => r.MessageId).ShouldBe(["uno@example.it", "due@example.it"], ignoreOrder: true);
        rows.ShouldAllBe(r => r.Source.StartsWith($"imap:{mailbox.Username}@127.0.0.1/INBOX uid ", StringComparison.Ordinal));
        rows.Single(r => r.MessageId == "uno@example.it").Raw.ShouldBe(ImapMailboxes.Mail("uno"));
        (await ImapMailboxes.MessagesAsync(mailbox, "INBOX")).ShouldAllBe(m => m.HasFlag("\\Seen") && m.HasFlag(ImapPoller.ImportedKeyword));
    }

    [Fact]
    public async Task a_restarted_poller_does_not_import_again_and_picks_up_only_new_mail()
    {
        var mailbox = _mailboxes.NewMailbox();
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("prima"));
        await NewPoller().PollOnceAsync(mailbox, None);
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("dopo"));

        var afterRestart = await NewPoller().PollOnceAsync(mailbox, None);

        afterRestart.ShouldBe(new ImapPollOutcome(Imported: 1, Duplicates: 0, TooLarge: 0, UidValidityChanged: false, MoreWaiting: false));
        (await ImportedAsync()).Select(r => r.MessageId).ShouldBe(["prima@example.it", "dopo@example.it"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("Importati")]
    [InlineData("Già importati")]
    public async Task processed_messages_are_moved_to_the_processed_folder(string processed)
    {
        var mailbox = _mailboxes.NewMailbox(processedFolder: processed);
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("sposta-1"), ImapMailboxes.Mail("sposta-2"));

        var outcome = await NewPoller().PollOnceAsync(mailbox, None);

        outcome.Imported.ShouldBe(2);
        (await ImapMailboxes.MessagesAsync(mailbox, "INBOX")).ShouldBeEmpty();
        (await ImapMailboxes.MessagesAsync(mailbox, processed)).Count.ShouldBe(2);
        (await NewPoller().PollOnceAsync(mailbox, None)).Imported.ShouldBe(0);
    }

    [Fact]
    public async Task an_oversized_message_is_left_on_the_server_flagged_and_its_header_quarantined()
    {
        var mailbox = _mailboxes.NewMailbox();
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Large("enorme", 30_000), ImapMailboxes.Mail("normale"));
        var poller = NewPoller();

        var outcome = await poller.PollOnceAsync(mailbox, None);

        outcome.ShouldBe(new ImapPollOutcome(Imported: 1, Duplicates: 0, TooLarge: 1, UidValidityChanged: false, MoreWaiting: false));
        var rows = await ImportedAsync();
        rows.Where(r => r.Status != "quarantined").Select(r => r.MessageId).ShouldBe(["normale@example.it"]);
        var quarantined = rows.Single(r => r.Status == "quarantined");
        quarantined.QuarantineReason.ShouldNotBeNull().ShouldContain("too large");
        var header = Encoding.ASCII.GetString(quarantined.Raw);
        header.ShouldContain("Message-ID: <enorme@example.it>");
        header.ShouldNotContain("xxxx", customMessage: "only the header is downloaded");
        var large = (await ImapMailboxes.MessagesAsync(mailbox, "INBOX")).Single(m => m.Size > mailbox.MaxMessageBytes);
        large.HasFlag(ImapPoller.TooLargeKeyword).ShouldBeTrue();
        large.HasFlag("\\Seen").ShouldBeFalse("it was never downloaded");
        (await poller.PollOnceAsync(mailbox, None)).TooLarge.ShouldBe(0);
    }

    [Fact]
    public async Task a_changed_uidvalidity_does_not_import_twice()
    {
        var mailbox = _mailboxes.NewMailbox(folder: "Supporto");
        await ImapMailboxes.CreateFolderAsync(mailbox, "Supporto");

        await ImapMailboxes.DeliverAsync(mailbox, "Supporto", ImapMailboxes.Mail("a"), ImapMailboxes.Mail("b"));
        await NewPoller().PollOnceAsync(mailbox, None);

        // Recreating the folder gives it a new UIDVALIDITY; the same two messages come back unflagged, plus a new one.
        await ImapMailboxes.DeleteFolderAsync(mailbox, "Supporto");
        await ImapMailboxes.CreateFolderAsync(mailbox, "Supporto");

        await ImapMailboxes.DeliverAsync(mailbox, "Supporto", ImapMailboxes.Mail("a"), ImapMailboxes.Mail("b"), ImapMailboxes.Mail("c"));
        var outcome = await NewPoller().PollOnceAsync(mailbox, None);

        outcome.ShouldBe(new ImapPollOutcome(Imported: 1, Duplicates: 2, TooLarge: 0, UidValidityChanged: true, MoreWaiting: false));
        (await ImportedAsync()).Select(r => r.MessageId).ShouldBe(["a@example.it", "b@example.it", "c@example.it"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_message_stored_before_a_crash_is_marked_without_a_second_copy()
    {
        var mailbox = _mailboxes.NewMailbox();
        var message = ImapMailboxes.Mail("gia-salvato");
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", message);
        await _app.Services.GetRequiredService<IInboundMailIntake>().StoreAsync(message, InboundChannel.Imap, "imap: before the crash", None);

        var outcome = await NewPoller().PollOnceAsync(mailbox, None);

        outcome.ShouldBe(new ImapPollOutcome(Imported: 0, Duplicates: 1, TooLarge: 0, UidValidityChanged: false, MoreWaiting: false));
        (await ImportedAsync()).Count.ShouldBe(1);
        (await ImapMailboxes.MessagesAsync(mailbox, "INBOX")).Single().HasFlag(ImapPoller.ImportedKeyword).ShouldBeTrue();
    }

    [Fact]
    public async Task a_run_takes_at_most_max_messages_and_says_more_are_waiting()
    {
        var mailbox = _mailboxes.NewMailbox();
        mailbox.MaxMessagesPerRun = 2;
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("m1"), ImapMailboxes.Mail("m2"), ImapMailboxes.Mail("m3"));
        var poller = NewPoller();

        var first = await poller.PollOnceAsync(mailbox, None);
        var second = await poller.PollOnceAsync(mailbox, None);

        (first.Imported, first.MoreWaiting).ShouldBe((2, true));
        (second.Imported, second.MoreWaiting).ShouldBe((1, false));
    }

    [Fact]
    public async Task the_sent_folder_is_never_read()
    {
        var mailbox = _mailboxes.NewMailbox(folder: "Sent");
        await ImapMailboxes.DeliverAsync(mailbox, "Sent", ImapMailboxes.Mail("inviato"));

        var error = await Should.ThrowAsync<InvalidOperationException>(() => NewPoller().PollOnceAsync(mailbox, None));

        error.Message.ShouldContain("\\Sent");
        (await ImportedAsync()).ShouldBeEmpty();
        (await ImapMailboxes.MessagesAsync(mailbox, "Sent")).Single().HasFlag("\\Seen").ShouldBeFalse();
    }

    [Fact]
    public async Task a_mailbox_another_node_is_polling_is_skipped_untouched()
    {
        var mailbox = _mailboxes.NewMailbox();
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("altro-nodo"));
        await using var otherNode = await _app.Services.GetRequiredService<ImapCheckpoints>().TryLockAsync(mailbox.Name, None);

        var outcome = await NewPoller().PollOnceAsync(mailbox, None);

        otherNode.ShouldNotBeNull();
        outcome.ShouldBe(ImapPollOutcome.Busy);
        (await ImportedAsync()).ShouldBeEmpty();
        (await ImapMailboxes.MessagesAsync(mailbox, "INBOX")).Single().HasFlag("\\Seen").ShouldBeFalse();
    }

    [Fact]
    public async Task a_refused_login_imports_nothing_and_leaves_no_checkpoint()
    {
        var mailbox = _mailboxes.NewMailbox();
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("password-errata"));
        mailbox.Password = "sbagliata";

        await Should.ThrowAsync<MailKit.Security.AuthenticationException>(() => NewPoller().PollOnceAsync(mailbox, None));

        (await ImportedAsync()).ShouldBeEmpty();
        (await _app.Services.GetRequiredService<ImapCheckpoints>().GetAsync(mailbox.Name, "INBOX", None)).ShouldBeNull();
    }

    [Fact]
    public void plain_text_is_refused_for_a_server_that_is_not_on_this_machine()
    {
        var mailbox = _mailboxes.NewMailbox();
        mailbox.Security = ImapSecurity.None;
        mailbox.Host = "imap.example.it";

        Should.Throw<InvalidOperationException>(mailbox.Validate).Message.ShouldContain("Security None");
    }
}
