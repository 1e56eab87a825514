using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Tunda.EventStore.Integrity;
using Tunda.EventStore.Projections;

namespace Tunda.EventStore;

/// <summary>
/// Writes one unit of work: lock the streams in id order, check versions and archive flags, and
/// only then draw sequence numbers, insert the events, move the streams forward and run the
/// inline projections, all in the caller's transaction.
/// </summary>
internal sealed class AppendWriter(EventStore store, EventMetadata metadata)
{
    public async Task<AppendResult> WriteAsync(NpgsqlConnection connection, TransactionScope scope, IReadOnlyList<PendingStream> streams, CancellationToken cancellationToken)
    {
        var serialized = streams.ToDictionary(s => s.Id, s => s.Events.Select(Serialize).ToList());
        var canonicalMetadata = CanonicalJson.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(metadata, store.Options.Json));
        try
        {
            var (timestamp, heads) = await LockStreamsAsync(connection, scope, streams, cancellationToken);

            var rows = new EventRows();
            var updates = new StreamUpdates();
            foreach (var stream in streams)
            {
                var head = heads[stream.Id];
                var previousHash = head.LastHash ?? [];
                var version = head.Version;
                foreach (var e in serialized[stream.Id])
                {
                    version++;
                    var id = Guid.CreateVersion7(timestamp);
                    previousHash = EventHash.Compute(previousHash, id, stream.Id, version, e.Alias, e.SchemaVersion, timestamp, e.Canonical, canonicalMetadata);
                    rows.Add(id, stream.Id, version, e, previousHash);
                }

                updates.Add(stream.Id, version, serialized[stream.Id].Count > 0 ? previousHash : null, stream.Archive);
            }

            // Without inline projections the closing statement rides in the insert batch.
            var inline = store.Options.Projections.Inline;
            var sequences = await InsertAsync(connection, scope, rows, updates, canonicalMetadata, timestamp, closeInBatch: inline.Count == 0, cancellationToken);
            var events = rows.ToStreamEvents(sequences, metadata, timestamp);
            if (inline.Count > 0)
            {
                var context = new ProjectionContext(connection, scope.External, store.Schema);
                foreach (var projection in inline)
                {
                    await projection.ApplyAsync(context, events, cancellationToken);
                }

                await ExecuteAsync(connection, scope.External, scope.Close, cancellationToken);
            }

            return new AppendResult(events, updates.Versions());
        }
        catch (Exception) when (connection.State == System.Data.ConnectionState.Open)
        {
            await UndoAsync(connection, scope);
            throw;
        }
    }

    // Best effort: if the failure came after the close went through, there is nothing to undo,
    // and the original exception is the one worth reporting.
    private static async Task UndoAsync(NpgsqlConnection connection, TransactionScope scope)
    {
        try
        {
            await ExecuteAsync(connection, scope.External, scope.Undo, CancellationToken.None);
        }
        catch (PostgresException)
        {
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SerializedEvent Serialize(object e)
    {
        var registration = store.Options.Events.For(e.GetType());
        var canonical = CanonicalJson.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), store.Options.Json));
        return new SerializedEvent(e, registration.Alias, registration.SchemaVersion, canonical);
    }

    private async Task<(DateTimeOffset Timestamp, Dictionary<Guid, StreamHead> Heads)> LockStreamsAsync(
        NpgsqlConnection connection, TransactionScope scope, IReadOnlyList<PendingStream> streams, CancellationToken cancellationToken)
    {
        // One round trip: open the transaction, take its id (the daemon's high-water mark relies on
        // it preceding any sequence number), then lock every stream row in id order.
        await using var batch = new NpgsqlBatch(connection, scope.External);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(scope.Open));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(store.Sql.BeginAppend));
        foreach (var stream in streams)
        {
            batch.BatchCommands.Add(LockCommand(stream));
        }

        var heads = new Dictionary<Guid, StreamHead>();
        DateTimeOffset timestamp;
        // The reader skips BEGIN/SAVEPOINT, which return no rows, and starts at BeginAppend's row.
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            timestamp = reader.GetFieldValue<DateTimeOffset>(0);
            foreach (var stream in streams)
            {
                await reader.NextResultAsync(cancellationToken);
                heads[stream.Id] = await reader.ReadAsync(cancellationToken) ? StreamHead.Read(reader) : StreamHead.Missing;
            }
        }

        foreach (var stream in streams)
        {
            var head = heads[stream.Id];
            if (head.IsMissing && stream.Expected.IsAny && stream.Type is not null)
            {
                heads[stream.Id] = head = await CreateMissingAsync(connection, scope.External, stream, cancellationToken);
            }

            Check(stream, head);
        }

        return (timestamp, heads);
    }

    private NpgsqlBatchCommand LockCommand(PendingStream stream)
    {
        if (stream.Expected.IsNew)
        {
            var insert = new NpgsqlBatchCommand(store.Sql.InsertStream);
            insert.Parameters.Add(new() { Value = stream.Id });
            insert.Parameters.Add(new() { Value = stream.Type ?? throw new InvalidOperationException($"A new stream needs a type ({stream.Id}).") });
            return insert;
        }

        var select = new NpgsqlBatchCommand(store.Sql.LockExisting);
        select.Parameters.Add(new() { Value = stream.Id });
        return select;
    }

    // "Any" on a missing stream creates it; a racing creator makes the insert do nothing, and then
    // the row it committed can be locked like any other.
    private async Task<StreamHead> CreateMissingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PendingStream stream, CancellationToken cancellationToken)
    {
        foreach (var sql in new[] { store.Sql.InsertStream, store.Sql.LockExisting, store.Sql.InsertStream })
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new() { Value = stream.Id });
            if (sql == store.Sql.InsertStream)
            {
                command.Parameters.Add(new() { Value = stream.Type! });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return StreamHead.Read(reader);
            }
        }

        throw new ConcurrencyException(stream.Id, stream.Expected, null);
    }

    private static void Check(PendingStream stream, StreamHead head)
    {
        if (head.IsMissing)
        {
            throw new ConcurrencyException(stream.Id, stream.Expected, null);
        }

        if (head.IsArchived && (stream.Events.Count > 0 || !stream.Archive))
        {
            throw new StreamArchivedException(stream.Id);
        }

        if (!stream.Expected.IsAny && !stream.Expected.IsNew && head.Version != stream.Expected.Value)
        {
            throw new ConcurrencyException(stream.Id, stream.Expected, head.Version);
        }
    }

    private async Task<long[]> InsertAsync(
        NpgsqlConnection connection, TransactionScope scope, EventRows rows, StreamUpdates updates,
        byte[] canonicalMetadata, DateTimeOffset timestamp, bool closeInBatch, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, scope.External);
        if (rows.Count > 0)
        {
            batch.BatchCommands.Add(rows.InsertCommand(store.Sql.InsertEvents, Encoding.UTF8.GetString(canonicalMetadata), timestamp));
        }

        batch.BatchCommands.Add(updates.UpdateCommand(store.Sql.UpdateStreams, timestamp));
        if (closeInBatch)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(scope.Close));
        }

        var sequences = new long[rows.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < sequences.Length && await reader.ReadAsync(cancellationToken); i++)
        {
            sequences[i] = reader.GetInt64(0);
        }

        return sequences;
    }

    private sealed record StreamHead(long Version, bool IsArchived, byte[]? LastHash, bool IsMissing)
    {
        public static StreamHead Missing { get; } = new(0, false, null, true);

        public static StreamHead Read(NpgsqlDataReader reader) =>
            new(reader.GetInt64(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2), false);
    }
}

internal sealed record SerializedEvent(object Data, string Alias, int SchemaVersion, byte[] Canonical);
