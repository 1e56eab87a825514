using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
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

    /// <summary>Connects, polls once, and logs out.</summary>
    public async Task<ImapPollOutcome> PollOnceAsync(ImapMailboxOptions mailbox, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        using var client = await ImapConnector.ConnectAsync(mailbox.ToClientOptions(), ct);
        var outcome = await PollAsync(client, mailbox, ct);
        await client.DisconnectAsync(quit: true, ct);
        return outcome;
    }

    /// <summary>Polls once on an open connection, which stays open (for IDLE, see <see cref="ImapPollingService"/>).</summary>
    public async Task<ImapPollOutcome> PollAsync(ImapClient client, ImapMailboxOptions mailbox, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(mailbox);

        // Two nodes polling one mailbox would download everything twice; the second simply skips this run.
        await using var mailboxLock = await checkpoints.TryLockAsync(mailbox.Name, ct);
        if (mailboxLock is null)
        {
            return ImapPollOutcome.Busy;
        }

        var folders = await ImapFolders.ListAsync(client, ct);
        var folder = folders.Incoming(mailbox.Folder);
        var processed = mailbox.ProcessedFolder is { Length: > 0 } name ? await folders.GetOrCreateAsync(name, ct) : null;
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        var (checkpoint, validityChanged) = await CheckpointAsync(mailbox, folder, ct);

        // "n:*" always matches the highest UID, even below n, so the result is filtered again here.
        var above = new UniqueIdRange(new UniqueId(folder.UidValidity, (uint)checkpoint.LastUid + 1), UniqueId.MaxValue);
        var query = SearchQuery.Uids(above).And(SearchQuery.NotKeywords(ImportedKeyword, TooLargeKeyword));
        var pending = (await folder.SearchAsync(query, ct)).Where(uid => uid.Id > checkpoint.LastUid).Order().ToList();
        var batch = pending.Take(mailbox.MaxMessagesPerRun).ToList();
        var sizes = batch.Count == 0 ? [] : (await folder.FetchAsync(batch, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct))
            .Where(s => s.Size is not null).ToDictionary(s => s.UniqueId, s => (long)s.Size!.Value);

        int imported = 0, duplicates = 0, tooLarge = 0;
        foreach (var uid in batch)
        {
            var source = $"imap:{mailbox.Username}@{mailbox.Host}/{mailbox.Folder} uid {uid.Id}";
            var raw = sizes.TryGetValue(uid, out var size) && size <= mailbox.MaxMessageBytes ? await DownloadAsync(folder, uid, mailbox.MaxMessageBytes, ct) : null;

            // Expunged since the search: stop here rather than move the checkpoint past it; the next run
            // searches again and finds it, or finds it gone.
            if (!sizes.ContainsKey(uid) || (raw is null && size <= mailbox.MaxMessageBytes))
            {
                LogUnreadable(mailbox.Name, mailbox.Folder, uid.Id);
                break;
            }

            if (raw is null || raw.Length > mailbox.MaxMessageBytes)
            {
                size = Math.Max(size, raw?.Length ?? 0);
                LogTooLarge(mailbox.Name, mailbox.Folder, uid.Id, size, mailbox.MaxMessageBytes);
                await QuarantineHeaderAsync(folder, mailbox, uid, size, source, ct);
                await MarkAsync(folder, uid, MessageFlags.None, TooLargeKeyword, ct);
                tooLarge++;
            }
            else
            {
                var receipt = await intake.StoreAsync(raw, InboundChannel.Imap, source, ct);
                duplicates += receipt.Duplicate ? 1 : 0;
                imported += receipt.Duplicate ? 0 : 1;
                await (processed is null ? MarkAsync(folder, uid, MessageFlags.Seen, ImportedKeyword, ct) : folder.MoveToAsync(uid, processed, ct));
            }

            await checkpoints.SaveAsync(mailbox.Name, mailbox.Folder, checkpoint with { LastUid = uid.Id }, ct);
        }

        if (imported + duplicates + tooLarge > 0)
        {
            LogPolled(mailbox.Name, mailbox.Folder, imported, duplicates, tooLarge);
        }

        return new ImapPollOutcome(imported, duplicates, tooLarge, validityChanged, pending.Count > batch.Count);
    }

    private async Task<(ImapCheckpoint Checkpoint, bool ValidityChanged)> CheckpointAsync(ImapMailboxOptions mailbox, IMailFolder folder, CancellationToken ct)
    {
        if (folder.UidValidity == 0)
        {
            throw new ImapProtocolException($"The IMAP server did not report a UIDVALIDITY for {mailbox.Folder}; its UIDs cannot be tracked.");
        }

        var checkpoint = await checkpoints.GetAsync(mailbox.Name, mailbox.Folder, ct);
        if (checkpoint is not null && checkpoint.UidValidity == folder.UidValidity)
        {
            return (checkpoint, false);
        }

        if (checkpoint is not null)
        {
            LogUidValidityChanged(mailbox.Name, mailbox.Folder, checkpoint.UidValidity, folder.UidValidity);
        }

        var fresh = new ImapCheckpoint(folder.UidValidity, 0);
        await checkpoints.SaveAsync(mailbox.Name, mailbox.Folder, fresh, ct);
        return (fresh, checkpoint is not null);
    }

    /// <summary>
    /// The raw message, without setting \Seen; null when it no longer exists. At most one byte more than
    /// the limit is fetched, so a server that understated the size cannot make us hold more.
    /// </summary>
    private static Task<byte[]?> DownloadAsync(IMailFolder folder, UniqueId uid, long limit, CancellationToken ct) =>
        BytesAsync(() => folder.GetStreamAsync(uid, 0, (int)Math.Min(limit + 1, int.MaxValue), ct), ct);

    private static async Task<byte[]?> BytesAsync(Func<Task<Stream>> fetch, CancellationToken ct)
    {
        try
        {
            using var stream = await fetch();
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, ct);
            return bytes.ToArray();
        }
        catch (MessageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Staff see in the quarantine who sent what, and know the whole message waits on the server.</summary>
    private async Task QuarantineHeaderAsync(IMailFolder folder, ImapMailboxOptions mailbox, UniqueId uid, long size, string source, CancellationToken ct)
    {
        var header = await BytesAsync(() => folder.GetStreamAsync(uid, "HEADER", ct), ct) ?? [];
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"too large: {size} bytes, over the {mailbox.MaxMessageBytes} allowed; only the header was downloaded, the message is left in {mailbox.Folder} flagged {TooLargeKeyword}");
        await intake.QuarantineAsync(header, InboundChannel.Imap, source, reason, ct);
    }

    /// <summary>Keywords only where the server keeps them; the UID checkpoint is what really prevents a second import.</summary>
    private static Task MarkAsync(IMailFolder folder, UniqueId uid, MessageFlags flags, string keyword, CancellationToken ct)
    {
        string[] keywords = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined) ? [keyword] : [];
        return flags == MessageFlags.None && keywords.Length == 0
            ? Task.CompletedTask
            : folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, flags, keywords) { Silent = true }, ct);
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
