using System.Text.Json;
using NpgsqlTypes;

namespace Tunda.EventStore.Projections;

/// <summary>
/// A read model with one row per stream: the stream's events folded into <typeparamref name="TState"/>,
/// stored as jsonb with the version it reflects. A batch loads the rows it touches in one query and
/// writes them back in one statement, which is what keeps rebuilds fast.
/// </summary>
public class StreamStateProjection<TState>(
    string name,
    string table,
    Func<Guid, TState> create,
    Func<TState, StreamEvent, TState> evolve,
    JsonSerializerOptions? json = null) : IProjection
{
    private readonly JsonSerializerOptions _json = json ?? new(JsonSerializerDefaults.Web);

    public string Name { get; } = name;

    public string Table { get; } = table;

    public async Task EnsureStorageAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"""
            CREATE TABLE IF NOT EXISTS {context.Schema}.{Table} (
                id uuid PRIMARY KEY,
                version bigint NOT NULL,
                last_seq bigint NOT NULL,
                data jsonb NOT NULL
            )
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.StreamId).Distinct().ToArray();
        var rows = new Dictionary<Guid, Row>();
        await using (var select = context.Command($"SELECT id, version, last_seq, data::text FROM {context.Schema}.{Table} WHERE id = ANY($1)"))
        {
            select.Parameters.Add(new() { Value = ids });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[reader.GetGuid(0)] = new Row(reader.GetInt64(1), reader.GetInt64(2), JsonSerializer.Deserialize<TState>(reader.GetString(3), _json)!);
            }
        }

        foreach (var e in events)
        {
            var row = rows.TryGetValue(e.StreamId, out var found) ? found : new Row(0, 0, create(e.StreamId));

            // Replays after a crash between read-model write and checkpoint cannot double-apply.
            if (e.Sequence <= row.LastSeq)
            {
                continue;
            }

            rows[e.StreamId] = new Row(e.Version, e.Sequence, evolve(row.State, e));
        }

        await using var upsert = context.Command($"""
            INSERT INTO {context.Schema}.{Table} (id, version, last_seq, data)
            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::jsonb[])
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, last_seq = excluded.last_seq, data = excluded.data
            """);
        upsert.Parameters.Add(new() { Value = rows.Keys.ToArray() });
        upsert.Parameters.Add(new() { Value = rows.Values.Select(r => r.Version).ToArray() });
        upsert.Parameters.Add(new() { Value = rows.Values.Select(r => r.LastSeq).ToArray() });
        upsert.Parameters.Add(new() { Value = rows.Values.Select(r => JsonSerializer.Serialize(r.State, _json)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"TRUNCATE {context.Schema}.{Table}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Row(long Version, long LastSeq, TState State);
}
