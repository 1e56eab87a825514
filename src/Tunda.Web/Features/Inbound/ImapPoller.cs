using System.Globalization;
using Tunda.Mail.Imap;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// One poll of one mailbox: select the folder, find messages above the UID checkpoint, check each one's size
/// before downloading it, store it through <see cref="IInboundMailIntake"/>, and only then mark it processed on
/// the server (move, or \Seen + $TundaImported) and advance the checkpoint. A crash anywhere in between
/// leads to the same message being stored again, which intake's Message-ID/SHA-256 idempotency absorbs.
/// </summary>
public sealed partial class ImapPoller(IInboundMailIntake intake, ImapCheckpoints checkpoints, ILogger<ImapPoller> logger)
{
    public const string ImportedKeyword = "$TundaImported";
    public const string TooLargeKeyword = "$TundaTooLarge";

    /// <summary>For servers without SPECIAL-USE: the names clients give the Sent folder (English and Italian).</summary>
    private static readonly HashSet<string> CommonSentNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Sent", "Sent Items", "Sent Messages", "Sent Mail", "Posta inviata", "Inviati", "Elementi inviati", "Messaggi inviati",
    };

    public async Task<ImapPollOutcome> PollOnceAsync(ImapMailboxOptions mailbox, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var options = mailbox.ToClientOptions();

        // Two nodes polling one mailbox would download everything twice; the second simply skips this run.
        await using var mailboxLock = await checkpoints.TryLockAsync(mailbox.Name, ct);
        if (mailboxLock is null)
        {
            return ImapPollOutcome.Busy;
        }

        await using var client = await ImapClient.ConnectAsync(options, ct);
        var outcome = await PollAsync(client, mailbox, ct);
        await client.LogoutAsync(ct);
        return outcome;
    }

    private async Task<ImapPollOutcome> PollAsync(ImapClient client, ImapMailboxOptions mailbox, CancellationToken ct)
    {
        await CheckFoldersAsync(client, mailbox, ct);
        var folder = await client.SelectAsync(mailbox.Folder, ct);
        var checkpoint = await checkpoints.GetAsync(mailbox.Name, mailbox.Folder, ct);
        var validityChanged = checkpoint is not null && checkpoint.UidValidity != folder.UidValidity;
        if (checkpoint is null || validityChanged)
        {
            if (validityChanged)
            {
                LogUidValidityChanged(mailbox.Name, mailbox.Folder, checkpoint!.UidValidity, folder.UidValidity);
            }

            checkpoint = new ImapCheckpoint(folder.UidValidity, 0);
            await checkpoints.SaveAsync(mailbox.Name, mailbox.Folder, checkpoint, ct);
        }

        // "n:*" always matches the highest UID, even below n, so the result is filtered again here.
        var criteria = string.Create(CultureInfo.InvariantCulture, $"UID {checkpoint.LastUid + 1}:* UNKEYWORD {ImportedKeyword} UNKEYWORD {TooLargeKeyword}");
        var pending = (await client.UidSearchAsync(criteria, ct)).Where(uid => uid > checkpoint.LastUid).ToList();
        var batch = pending.Take(mailbox.MaxMessagesPerRun).ToList();
        var summaries = (await client.FetchSummariesAsync(batch, ct)).ToDictionary(s => s.Uid);

        int imported = 0, duplicates = 0, tooLarge = 0;
        foreach (var uid in batch)
        {
            // Expunged since the search: stop here rather than move the checkpoint past it; the next run
            // searches again and finds it, or finds it gone.
            var raw = summaries.TryGetValue(uid, out var summary) && summary.Size <= mailbox.MaxMessageBytes
                ? await client.FetchMessageAsync(uid, ct)
                : null;
            if (summary is null || (raw is null && summary.Size <= mailbox.MaxMessageBytes))
            {
                LogUnreadable(mailbox.Name, mailbox.Folder, uid);
                break;
            }

            var source = $"imap:{mailbox.Username}@{mailbox.Host}/{mailbox.Folder} uid {uid}";
            if (raw is null || raw.Length > mailbox.MaxMessageBytes)
            {
                var size = Math.Max(summary.Size, raw?.Length ?? 0);
                LogTooLarge(mailbox.Name, mailbox.Folder, uid, size, mailbox.MaxMessageBytes);
                await QuarantineHeaderAsync(client, mailbox, uid, size, source, ct);
                await MarkAsync(client, folder, uid, [TooLargeKeyword], ct);
                tooLarge++;
            }
            else
            {
                var receipt = await intake.StoreAsync(raw, InboundChannel.Imap, source, ct);
                duplicates += receipt.Duplicate ? 1 : 0;
                imported += receipt.Duplicate ? 0 : 1;
                await MarkProcessedAsync(client, mailbox, folder, uid, ct);
            }

            await checkpoints.SaveAsync(mailbox.Name, mailbox.Folder, checkpoint with { LastUid = uid }, ct);
        }

        if (imported + duplicates + tooLarge > 0)
        {
            LogPolled(mailbox.Name, mailbox.Folder, imported, duplicates, tooLarge);
        }

        return new ImapPollOutcome(imported, duplicates, tooLarge, validityChanged, pending.Count > batch.Count);
    }

    /// <summary>Staff see in the quarantine who sent what, and know the whole message waits on the server.</summary>
    private async Task QuarantineHeaderAsync(ImapClient client, ImapMailboxOptions mailbox, long uid, long size, string source, CancellationToken ct)
    {
        var header = await client.FetchHeaderAsync(uid, ct) ?? [];
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"too large: {size} bytes, over the {mailbox.MaxMessageBytes} allowed; only the header was downloaded, the message is left in {mailbox.Folder} flagged {TooLargeKeyword}");
        await intake.QuarantineAsync(header, InboundChannel.Imap, source, reason, ct);
    }

    /// <summary>The folder must exist and must not be the Sent folder: what we sent is never read back as incoming mail.</summary>
    private static async Task CheckFoldersAsync(ImapClient client, ImapMailboxOptions mailbox, CancellationToken ct)
    {
        var folders = await client.ListFoldersAsync(ct);
        var source = folders.FirstOrDefault(f => SameFolder(f.Name, mailbox.Folder))
            ?? throw new ImapException($"Mailbox '{mailbox.Name}': the folder '{mailbox.Folder}' does not exist on {mailbox.Host}.");
        if (source.IsSent || (!folders.Any(f => f.IsSent) && CommonSentNames.Contains(source.Name.Split(source.Delimiter ?? "/")[^1])))
        {
            throw new ImapException($"Mailbox '{mailbox.Name}': the folder '{mailbox.Folder}' is the Sent folder (\\Sent), which is never read.");
        }

        if (mailbox.ProcessedFolder is { Length: > 0 } processed && !folders.Any(f => SameFolder(f.Name, processed)))
        {
            await client.CreateFolderAsync(processed, ct);
        }
    }

    private static bool SameFolder(string a, string b) =>
        a.Equals(b, a.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static Task MarkProcessedAsync(ImapClient client, ImapMailboxOptions mailbox, ImapSelectedFolder folder, long uid, CancellationToken ct) =>
        mailbox.ProcessedFolder is { Length: > 0 } processed
            ? client.MoveAsync([uid], processed, ct)
            : MarkAsync(client, folder, uid, ["\\Seen", ImportedKeyword], ct);

    /// <summary>Keywords only where the server keeps them; the UID checkpoint is what really prevents a second import.</summary>
    private static Task MarkAsync(ImapClient client, ImapSelectedFolder folder, long uid, IEnumerable<string> flags, CancellationToken ct)
    {
        var usable = flags.Where(f => f.StartsWith('\\') || folder.CanCreateKeywords).ToList();
        return usable.Count == 0 ? Task.CompletedTask : client.AddFlagsAsync([uid], usable, ct);
    }

    [LoggerMessage(LogLevel.Warning, "IMAP mailbox {Mailbox}/{Folder}: UIDVALIDITY changed from {Old} to {New}; every message is looked at again (intake drops duplicates)")]
    private partial void LogUidValidityChanged(string mailbox, string folder, long old, long @new);

    [LoggerMessage(LogLevel.Warning, "IMAP mailbox {Mailbox}/{Folder}: message UID {Uid} has {Size} bytes, over the {Limit} allowed; left on the server and flagged $TundaTooLarge")]
    private partial void LogTooLarge(string mailbox, string folder, long uid, long size, long limit);

    [LoggerMessage(LogLevel.Warning, "IMAP mailbox {Mailbox}/{Folder}: message UID {Uid} could not be fetched (expunged meanwhile?); the run stops before it and the next one tries again")]
    private partial void LogUnreadable(string mailbox, string folder, long uid);

    [LoggerMessage(LogLevel.Information, "IMAP mailbox {Mailbox}/{Folder}: {Imported} imported, {Duplicates} already known, {TooLarge} too large")]
    private partial void LogPolled(string mailbox, string folder, int imported, int duplicates, int tooLarge);
}
