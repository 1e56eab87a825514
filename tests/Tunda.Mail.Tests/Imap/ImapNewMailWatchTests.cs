using System.Diagnostics;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests.Imap;

public sealed class ImapNewMailWatchTests(DovecotServer server) : IClassFixture<DovecotServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task a_message_appended_by_someone_else_ends_the_wait_at_once()
    {
        var options = ImapTestMailbox.Options(server);
        using var client = await OpenInboxAsync(options);
        using var watch = new ImapNewMailWatch(client, client.Inbox);

        var started = Stopwatch.StartNew();
        var waiting = watch.WaitAsync(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(9), None);
        await Task.Delay(300);
        await ImapTestMailbox.AppendAsync(options, "INBOX", ImapTestMessages.Simple("nuova"));

        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue();
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task a_message_announced_before_the_wait_is_not_missed_but_one_forgotten_by_reset_is()
    {
        var options = ImapTestMailbox.Options(server);
        using var client = await OpenInboxAsync(options);
        using var watch = new ImapNewMailWatch(client, client.Inbox);
        await ImapTestMailbox.AppendAsync(options, "INBOX", ImapTestMessages.Simple("durante la ricerca"));
        await client.NoOpAsync();

        (await watch.WaitAsync(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(9), None)).ShouldBeTrue();

        await ImapTestMailbox.AppendAsync(options, "INBOX", ImapTestMessages.Simple("già vista"));
        await client.NoOpAsync();
        watch.Reset();
        (await watch.WaitAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(9), None)).ShouldBeFalse();
    }

    [Fact]
    public async Task without_new_mail_idle_is_reissued_each_refresh_until_the_duration_ends()
    {
        var options = ImapTestMailbox.Options(server);
        var log = new MemoryStream();
        using var client = new ImapClient(new ProtocolLogger(log, leaveOpen: true))
        {
            ServerCertificateValidationCallback = (_, _, _, _) => true,
        };
        await client.ConnectAsync(options.Host, options.Port, MailKit.Security.SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(options.Username, options.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        using var watch = new ImapNewMailWatch(client, client.Inbox);

        var arrived = await watch.WaitAsync(TimeSpan.FromSeconds(1.6), TimeSpan.FromMilliseconds(500), None);

        arrived.ShouldBeFalse();
        var commands = Encoding.ASCII.GetString(log.ToArray()).Split('\n').Where(l => l.StartsWith("C: ", StringComparison.Ordinal)).ToList();
        commands.Count(c => c.EndsWith(" IDLE\r", StringComparison.Ordinal)).ShouldBeInRange(3, 5);
        commands.Count(c => c == "C: DONE\r").ShouldBe(commands.Count(c => c.EndsWith(" IDLE\r", StringComparison.Ordinal)));
        client.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task a_shutdown_ends_the_wait_promptly_and_leaves_the_connection_usable()
    {
        var options = ImapTestMailbox.Options(server);
        using var client = await OpenInboxAsync(options);
        using var watch = new ImapNewMailWatch(client, client.Inbox);
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var started = Stopwatch.StartNew();
        await Should.ThrowAsync<OperationCanceledException>(() => watch.WaitAsync(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(9), shutdown.Token));

        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        await client.NoOpAsync();
    }

    [Fact]
    public async Task a_dropped_connection_ends_the_wait_with_an_error()
    {
        var options = ImapTestMailbox.Options(server);
        using var relay = new LoopbackRelay(server.Host, server.ImapsPort);
        options.Port = relay.Port;
        using var client = await OpenInboxAsync(options);
        using var watch = new ImapNewMailWatch(client, client.Inbox);

        var waiting = watch.WaitAsync(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(9), None);
        await Task.Delay(300);
        relay.DropAll();

        await Should.ThrowAsync<IOException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        client.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task a_connection_that_died_silently_is_given_up_after_the_timeout_at_the_next_refresh()
    {
        var options = ImapTestMailbox.Options(server);
        using var relay = new LoopbackRelay(server.Host, server.ImapsPort);
        options.Port = relay.Port;
        options.Timeout = TimeSpan.FromSeconds(1);
        using var client = await OpenInboxAsync(options);
        using var watch = new ImapNewMailWatch(client, client.Inbox);

        var waiting = watch.WaitAsync(TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(500), None);
        await Task.Delay(200);
        relay.SwallowEverything();

        // DONE at the refresh is never answered: without a deadline MailKit would wait for the answer forever.
        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<ImapClient> OpenInboxAsync(ImapOptions options)
    {
        var client = await ImapConnector.ConnectAsync(options, None);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return client;
    }
}
