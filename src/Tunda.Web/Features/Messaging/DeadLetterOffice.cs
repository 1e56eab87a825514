using Npgsql;
using Tunda.Web.Configuration;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace Tunda.Web.Features.Messaging;

/// <summary>
/// Where staff deal with dead letters, from the staff page and the CLI alike: list them newest first,
/// replay one (Wolverine marks it replayable and a running node moves it back to the inbox with fresh
/// attempts) or discard it for good. Each replay and discard is logged with who asked for it.
/// Only letters not yet marked for replay and not archived are listed or acted on.
/// </summary>
public sealed partial class DeadLetterOffice(IMessageStore store, NpgsqlDataSource dataSource, DatabaseOptions database, ILogger<DeadLetterOffice> logger)
{
    public const int MaxPageSize = 100;

    /// <param name="page">1-based; past the end gives an empty page that still knows the total.</param>
    public async Task<DeadLetterPage> PageAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var (ids, total) = await NewestFirstAsync((page - 1) * pageSize, pageSize, cancellationToken);
        if (ids.Count == 0)
        {
            return new DeadLetterPage([], total, page, pageSize);
        }

        var found = await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery([.. ids]) { PageSize = ids.Count }, cancellationToken);
        var byId = found.Envelopes.ToDictionary(l => l.Id);
        // A letter replayed or discarded between the two reads is simply left out.
        var letters = ids.Where(byId.ContainsKey).Select(id => DeadLetter.From(byId[id])).ToList();
        return new DeadLetterPage(letters, total, page, pageSize);
    }

    /// <summary>The letter, while it waits for staff; null when there is no such letter (a typo, or already replayed or discarded).</summary>
    public async Task<DeadLetter?> FindAsync(Guid id) =>
        await store.DeadLetters.DeadLetterEnvelopeByIdAsync(id) is { Replayable: false, ArchivedAt: null } letter ? DeadLetter.From(letter) : null;

    /// <summary>Puts the letter back on its queue; null when <see cref="FindAsync"/> finds none.</summary>
    public async Task<DeadLetter?> ReplayAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        if (await FindAsync(id) is not { } letter)
        {
            return null;
        }

        await store.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), cancellationToken);
        LogReplayed(id, letter.MessageType, actor);
        return letter;
    }

    /// <summary>Deletes the letter for good: the message is never handled. Null when <see cref="FindAsync"/> finds none.</summary>
    public async Task<DeadLetter?> DiscardAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        if (await FindAsync(id) is not { } letter)
        {
            return null;
        }

        await store.DeadLetters.DiscardAsync(new DeadLetterEnvelopeQuery([id]), cancellationToken);
        LogDiscarded(id, letter.MessageType, actor, letter.ExceptionName);
        return letter;
    }

    // Wolverine pages its dead letters by scheduled execution time, which a failed message does not have:
    // the order staff need (the latest failure first) is read from its table directly, the letters through Wolverine.
    private async Task<(IReadOnlyList<Guid> Ids, int Total)> NewestFirstAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        var table = $"{database.Schema}.wolverine_dead_letters";
        const string waiting = "replayable = false AND archived_at IS NULL";
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT count(*) FROM {table} WHERE {waiting}"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT id FROM {table} WHERE {waiting} ORDER BY coalesce(failed_at, sent_at) DESC, id DESC OFFSET $1 LIMIT $2")
        {
            Parameters = { new() { Value = offset }, new() { Value = limit } },
        });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return (ids, total);
    }

    [LoggerMessage(LogLevel.Information, "Dead letter {Id} ({MessageType}) replayed by {Actor}")]
    private partial void LogReplayed(Guid id, string messageType, string actor);

    [LoggerMessage(LogLevel.Information, "Dead letter {Id} ({MessageType}, {Failure}) discarded by {Actor}")]
    private partial void LogDiscarded(Guid id, string messageType, string actor, string failure);
}
