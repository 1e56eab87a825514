using System.Text.Json;
using Tunda.EventStore;

namespace Tunda.Messaging;

/// <summary>A message that failed every attempt (or was refused), with the last error.</summary>
public sealed record DeadLetter(Guid Id, string Type, string Body, EventMetadata Metadata, int Attempts, string Error, DateTimeOffset EnqueuedAt, DateTimeOffset FailedAt);

/// <summary>Lists and replays dead letters (the staff screen and the CLI verbs sit on these).</summary>
public sealed class DeadLetters
{
    private readonly MessageBus _bus;

    internal DeadLetters(MessageBus bus) => _bus = bus;

    /// <summary>Newest first; with <paramref name="correlationId"/>, only those one action caused.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(Guid? correlationId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var command = _bus.Store.DataSource.CreateCommand($"""
            SELECT id, type, body::text, metadata::text, attempts, error, enqueued_at, failed_at
            FROM {_bus.Schema}.message_dead_letters
            WHERE $1::uuid IS NULL OR correlation_id = $1
            ORDER BY failed_at DESC, id LIMIT $2
            """);
        command.Parameters.Add(new() { Value = (object?)correlationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = limit });
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var metadata = JsonSerializer.Deserialize<EventMetadata>(reader.GetString(3), _bus.Options.Json) ?? EventMetadata.SystemDefault;
            letters.Add(new(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                metadata,
                reader.GetInt32(4),
                reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return letters;
    }

    /// <summary>
    /// Puts a dead letter back on the queue with fresh attempts, under its original id and metadata.
    /// False when there is no such dead letter (already replayed).
    /// </summary>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = _bus.Store.DataSource.CreateCommand($"""
            WITH moved AS (DELETE FROM {_bus.Schema}.message_dead_letters WHERE id = $1 RETURNING *)
            INSERT INTO {_bus.Schema}.messages (id, type, body, metadata, correlation_id, enqueued_at)
            SELECT id, type, body, metadata, correlation_id, enqueued_at FROM moved
            """);
        command.Parameters.Add(new() { Value = id });
        var replayed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        _bus.SignalWorkers();
        return replayed;
    }
}
