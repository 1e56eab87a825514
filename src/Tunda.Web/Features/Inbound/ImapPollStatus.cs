using System.Collections.Concurrent;

namespace Tunda.Web.Features.Inbound;

/// <summary>How one mailbox's polling went last, as /health shows it. Messages only: never the password or the host's answer in full.</summary>
/// <param name="Idle">True while the connection stays open and the server announces new mail (IDLE); false when it is only polled.</param>
public sealed record ImapMailboxHealth(
    string Mailbox,
    string Folder,
    DateTimeOffset? LastPoll,
    DateTimeOffset? LastSuccess,
    string? LastError,
    int Imported,
    int TooLarge,
    bool Idle);

/// <summary>
/// What this process's poller did per mailbox, in memory: an operator watching /health sees a mailbox
/// whose password expired or whose server went away without reading the log. Counts are since start.
/// </summary>
public sealed class ImapPollStatus(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ImapMailboxHealth> _mailboxes = new(StringComparer.Ordinal);

    public IReadOnlyList<ImapMailboxHealth> Mailboxes => [.. _mailboxes.Values.OrderBy(m => m.Mailbox, StringComparer.Ordinal)];

    public bool AllHealthy => _mailboxes.Values.All(m => m.LastError is null);

    public void Configured(ImapMailboxOptions mailbox) =>
        _mailboxes.TryAdd(mailbox.Name, new ImapMailboxHealth(mailbox.Name, mailbox.Folder, null, null, null, 0, 0, false));

    public void Succeeded(ImapMailboxOptions mailbox, ImapPollOutcome outcome, bool idle)
    {
        var now = clock.GetUtcNow();
        _mailboxes.AddOrUpdate(
            mailbox.Name,
            _ => new ImapMailboxHealth(mailbox.Name, mailbox.Folder, now, now, null, outcome.Imported, outcome.TooLarge, idle),
            (_, last) => last with { LastPoll = now, LastSuccess = now, LastError = null, Imported = last.Imported + outcome.Imported, TooLarge = last.TooLarge + outcome.TooLarge, Idle = idle });
    }

    public void Failed(ImapMailboxOptions mailbox, string error)
    {
        var now = clock.GetUtcNow();
        _mailboxes.AddOrUpdate(
            mailbox.Name,
            _ => new ImapMailboxHealth(mailbox.Name, mailbox.Folder, now, null, error, 0, 0, false),
            (_, last) => last with { LastPoll = now, LastError = error, Idle = false });
    }
}
