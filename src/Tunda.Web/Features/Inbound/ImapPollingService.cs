using Tunda.Mail.Imap;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// Polls every configured mailbox once the store is ready. Where the server announces IDLE the connection
/// stays open and new mail is imported as it arrives, with a poll every PollInterval all the same; elsewhere
/// the mailbox is polled every PollInterval. A failure (server down, wrong password, refused folder, dropped
/// connection) is logged and retried after a growing delay, never longer than PollInterval; it never stops the others.
/// </summary>
public sealed partial class ImapPollingService(
    IReadOnlyList<ImapMailboxOptions> mailboxes, StoreStartup store, InboundStartup inbound, ImapCheckpoints checkpoints, ImapPoller poller, ImapPollStatus status, ILogger<ImapPollingService> logger) : BackgroundService
{
    /// <summary>The first retry after a failure; each further one waits twice as long, up to PollInterval.</summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Intake needs its table and the bus; polling earlier would only fail and leave mail waiting an interval.
        await store.Ready.WaitAsync(stoppingToken);
        await inbound.Ready.WaitAsync(stoppingToken);
        await checkpoints.MigrateAsync(stoppingToken);
        foreach (var mailbox in mailboxes)
        {
            status.Configured(mailbox);
        }

        await Task.WhenAll(mailboxes.Select(m => PollForeverAsync(m, stoppingToken)));
    }

    private async Task PollForeverAsync(ImapMailboxOptions mailbox, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var _ in PollConnectedAsync(mailbox, stoppingToken))
                {
                    failures = 0;
                }

                await Task.Delay(mailbox.PollInterval, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever failed (server, connection, database, intake), this mailbox tries again and the others go on.
                failures++;
                var retry = RetryDelay(mailbox, failures);
                LogPollFailed(e, mailbox.Name, e.Message, retry);
                status.Failed(mailbox, e.Message);
                await Task.Delay(retry, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Polls on one connection: until nothing more waits when the server lacks IDLE; with IDLE, for as long as
    /// the connection lasts, polling again as soon as new mail is announced or PollInterval has passed.
    /// </summary>
    private async IAsyncEnumerable<ImapPollOutcome> PollConnectedAsync(ImapMailboxOptions mailbox, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var client = await ImapConnector.ConnectAsync(mailbox.ToClientOptions(), ct);
        using var watch = ImapNewMailWatch.IsSupported(client) ? new ImapNewMailWatch(client, await client.GetFolderAsync(mailbox.Folder, ct)) : null;
        while (true)
        {
            watch?.Reset();
            var outcome = await poller.PollAsync(client, mailbox, ct);
            status.Succeeded(mailbox, outcome, idle: watch is not null);
            yield return outcome;

            // A full batch means more is waiting: go on at once instead of waiting.
            if (!outcome.MoreWaiting)
            {
                if (watch is null)
                {
                    break;
                }

                await watch.WaitAsync(mailbox.PollInterval, mailbox.IdleRefresh, ct);
            }
        }

        await client.DisconnectAsync(quit: true, ct);
    }

    private static TimeSpan RetryDelay(ImapMailboxOptions mailbox, int failures)
    {
        var delay = FirstRetry * Math.Pow(2, Math.Min(failures - 1, 20));
        return delay < mailbox.PollInterval ? delay : mailbox.PollInterval;
    }

    [LoggerMessage(LogLevel.Error, "IMAP mailbox {Mailbox}: poll failed ({Reason}); retrying in {Retry}")]
    private partial void LogPollFailed(Exception exception, string mailbox, string reason, TimeSpan retry);
}
