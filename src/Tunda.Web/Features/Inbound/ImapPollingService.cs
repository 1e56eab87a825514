using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// Polls every configured mailbox on its own interval once the store is ready. A failed poll (server down,
/// wrong password, refused folder) is logged and retried at the next interval; it never stops the others.
/// </summary>
public sealed partial class ImapPollingService(
    IReadOnlyList<ImapMailboxOptions> mailboxes, StoreStartup store, InboundStartup inbound, ImapCheckpoints checkpoints, ImapPoller poller, ImapPollStatus status, ILogger<ImapPollingService> logger) : BackgroundService
{
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
        while (!stoppingToken.IsCancellationRequested)
        {
            var outcome = await PollSafelyAsync(mailbox, stoppingToken);

            // A full batch means more is waiting: go on at once instead of after the interval.
            if (outcome?.MoreWaiting != true)
            {
                await Task.Delay(mailbox.PollInterval, stoppingToken);
            }
        }
    }

    private async Task<ImapPollOutcome?> PollSafelyAsync(ImapMailboxOptions mailbox, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await poller.PollOnceAsync(mailbox, stoppingToken);
            status.Succeeded(mailbox, outcome);
            return outcome;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever failed (server, database, intake), this mailbox waits for the next interval and the others go on.
            LogPollFailed(e, mailbox.Name, e.Message);
            status.Failed(mailbox, e.Message);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Error, "IMAP mailbox {Mailbox}: poll failed ({Reason}); retrying at the next interval")]
    private partial void LogPollFailed(Exception exception, string mailbox, string reason);
}
