using System.Collections.Concurrent;

namespace Tunda.Web.Features.Inbound;

/// <summary>How one mailbox's polling went last, as /health shows it. Messages only: never the password or the host's answer in full.</summary>
public sealed record ImapMailboxHealth(
    string Mailbox,
    string Folder,
    DateTimeOffset? LastPoll,
    DateTimeOffset? LastSuccess,
    string? LastError,
    int Imported,
    int TooLarge);

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
        _mailboxes.TryAdd(mailbox.Name, new ImapMailboxHealth(mailbox.Name, mailbox.Folder, null, null, null, 0, 0));

    public void Succeeded(ImapMailboxOptions mailbox, ImapPollOutcome outcome)
    {
        var now = clock.GetUtcNow();
        _mailboxes.AddOrUpdate(
            mailbox.Name,
            _ => new ImapMailboxHealth(mailbox.Name, mailbox.Folder, now, now, null, outcome.Imported, outcome.TooLarge),
            (_, last) => last with { LastPoll = now, LastSuccess = now, LastError = null, Imported = last.Imported + outcome.Imported, TooLarge = last.TooLarge + outcome.TooLarge });
    }

    public void Failed(ImapMailboxOptions mailbox, string error)
    {
        var now = clock.GetUtcNow();
        _mailboxes.AddOrUpdate(
            mailbox.Name,
            _ => new ImapMailboxHealth(mailbox.Name, mailbox.Folder, now, null, error, 0, 0),
            (_, last) => last with { LastPoll = now, LastError = error });
    }
}
