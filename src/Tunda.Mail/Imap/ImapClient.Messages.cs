using System.Globalization;

namespace Tunda.Mail.Imap;

public sealed partial class ImapClient
{
    /// <summary>UID SEARCH with criteria in IMAP syntax built from trusted pieces ("UID 43:* UNKEYWORD $TundaImported").</summary>
    public async Task<IReadOnlyList<long>> UidSearchAsync(string criteria, CancellationToken ct)
    {
        var completion = await _connection.ExecuteAsync(ImapCommand.Of("UID SEARCH").Text(criteria), ct);
        return [.. completion.Untagged.Where(r => r.Is("SEARCH")).SelectMany(r => r.Tokens.Skip(1))
            .Select(t => t.TryGetNumber(out var uid) ? uid : -1).Where(uid => uid > 0).Distinct().Order()];
    }

    /// <summary>Size and flags of each message, so a message can be judged before it is downloaded.</summary>
    public async Task<IReadOnlyList<ImapMessageSummary>> FetchSummariesAsync(IReadOnlyCollection<long> uids, CancellationToken ct)
    {
        if (uids.Count == 0)
        {
            return [];
        }

        var completion = await _connection.ExecuteAsync(ImapCommand.Of("UID FETCH").Text(UidSet.Format(uids)).Text("(UID RFC822.SIZE FLAGS)"), ct);
        var wanted = uids.ToHashSet();
        var summaries = new Dictionary<long, ImapMessageSummary>();
        foreach (var items in FetchItems(completion))
        {
            if (items.TryGetValue("UID", out var uidToken) && uidToken.TryGetNumber(out var uid) && wanted.Contains(uid)
                && items.TryGetValue("RFC822.SIZE", out var sizeToken) && sizeToken.TryGetNumber(out var size))
            {
                var flags = items.TryGetValue("FLAGS", out var flagList) ? flagList.Items.Select(f => f.Text).ToList() : [];
                summaries[uid] = new ImapMessageSummary(uid, size, flags);
            }
        }

        return [.. summaries.Values.OrderBy(s => s.Uid)];
    }

    /// <summary>The raw message, without setting \Seen (BODY.PEEK[]); null when the message no longer exists.</summary>
    public Task<byte[]?> FetchMessageAsync(long uid, CancellationToken ct) => FetchSectionAsync(uid, "", ct);

    /// <summary>Only the header block (BODY.PEEK[HEADER]): what can be kept of a message too large to download.</summary>
    public Task<byte[]?> FetchHeaderAsync(long uid, CancellationToken ct) => FetchSectionAsync(uid, "HEADER", ct);

    private async Task<byte[]?> FetchSectionAsync(long uid, string section, CancellationToken ct)
    {
        var completion = await _connection.ExecuteAsync(ImapCommand.Of("UID FETCH").Text(UidSet.Format([uid])).Text($"(UID BODY.PEEK[{section}])"), ct);
        foreach (var items in FetchItems(completion))
        {
            if (items.TryGetValue("UID", out var uidToken) && uidToken.TryGetNumber(out var fetched) && fetched == uid
                && items.TryGetValue($"BODY[{section}]", out var body))
            {
                return body.Kind == ImapTokenKind.Nil ? null : body.Bytes ?? [];
            }
        }

        return null;
    }

    /// <summary>Adds flags or keywords (UID STORE +FLAGS.SILENT).</summary>
    public async Task AddFlagsAsync(IReadOnlyCollection<long> uids, IEnumerable<string> flags, CancellationToken ct)
    {
        if (uids.Count == 0)
        {
            return;
        }

        var list = FlagList(flags);
        await _connection.ExecuteAsync(ImapCommand.Of("UID STORE").Text(UidSet.Format(uids)).Text("+FLAGS.SILENT").Text(list), ct);
    }

    /// <summary>
    /// UID MOVE (RFC 6851) when offered; otherwise COPY, \Deleted, and UID EXPUNGE (UIDPLUS) of just these
    /// messages, or a plain EXPUNGE, which also removes anything else already marked \Deleted in the folder.
    /// </summary>
    public async Task MoveAsync(IReadOnlyCollection<long> uids, string destination, CancellationToken ct)
    {
        if (uids.Count == 0)
        {
            return;
        }

        var set = UidSet.Format(uids);
        var folder = ImapFolderName.Encode(destination);
        if (Has("MOVE"))
        {
            await _connection.ExecuteAsync(ImapCommand.Of("UID MOVE").Text(set).String(folder), ct);
            return;
        }

        await _connection.ExecuteAsync(ImapCommand.Of("UID COPY").Text(set).String(folder), ct);
        await _connection.ExecuteAsync(ImapCommand.Of("UID STORE").Text(set).Text("+FLAGS.SILENT (\\Deleted)"), ct);
        await _connection.ExecuteAsync(Has("UIDPLUS") ? ImapCommand.Of("UID EXPUNGE").Text(set) : ImapCommand.Of("EXPUNGE"), ct);
    }

    /// <summary>Adds a message to a folder; returns its UID when the server reports it (UIDPLUS APPENDUID).</summary>
    public async Task<long?> AppendAsync(string folder, ReadOnlyMemory<byte> message, IEnumerable<string> flags, CancellationToken ct)
    {
        var command = ImapCommand.Of("APPEND").String(ImapFolderName.Encode(folder));
        var list = FlagList(flags);
        if (list != "()")
        {
            command.Text(list);
        }

        var completion = await _connection.ExecuteAsync(command.Literal(message), ct);
        var code = completion.Code?.Split(' ');
        return code is ["APPENDUID", _, var uid] && long.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static IEnumerable<Dictionary<string, ImapToken>> FetchItems(ImapCompletion completion)
    {
        foreach (var response in completion.Untagged.Where(r => r.Is("FETCH") && r.Tokens.Count >= 3))
        {
            var items = new Dictionary<string, ImapToken>(StringComparer.OrdinalIgnoreCase);
            var list = response.Tokens[2].Items;
            for (var i = 0; i + 1 < list.Count; i += 2)
            {
                items[list[i].Text] = list[i + 1];
            }

            yield return items;
        }
    }

    private static string FlagList(IEnumerable<string> flags)
    {
        var checkedFlags = flags.Select(f => f.Length > 0 && f.All(c => c is > ' ' and < (char)127 and not ('(' or ')' or '{' or '"' or '%' or '*' or ']')) && f.LastIndexOf('\\') <= 0
            ? f
            : throw new ArgumentException($"'{f}' is not an IMAP flag or keyword.", nameof(flags)));
        return "(" + string.Join(' ', checkedFlags) + ")";
    }
}
