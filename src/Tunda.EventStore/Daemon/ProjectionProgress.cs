using Npgsql;

namespace Tunda.EventStore.Daemon;

/// <summary>A projection's checkpoint row.</summary>
public sealed record ProjectionState(
    string Name,
    long LastSequence,
    string Status,
    long? FailedSequence,
    string? Failure,
    DateTimeOffset? FailedAt,
    string? Owner,
    DateTimeOffset? Heartbeat)
{
    public const string Running = "running";
    public const string Paused = "paused";

    public bool IsPaused => Status == Paused;
}

/// <summary>Reads and writes projection_progress; every checkpoint move is guarded by the old value.</summary>
internal sealed class ProjectionProgress(string schema)
{
    private const string Columns = "name, last_seq, status, failed_seq, failure, failed_at, owner, heartbeat";

    public async Task EnsureAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO {schema}.projection_progress (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", connection, transaction);
        command.Parameters.Add(new() { Value = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads the row; with a transaction it is also locked until that transaction ends.</summary>
    public async Task<ProjectionState> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} FROM {schema}.projection_progress WHERE name = $1" + (transaction is null ? string.Empty : " FOR UPDATE");
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new() { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? Map(reader)
            : throw new InvalidOperationException($"Projection '{name}' has no progress row; run the store's migrations.");
    }

    public async Task<IReadOnlyList<ProjectionState>> ReadAllAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {schema}.projection_progress ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<ProjectionState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(Map(reader));
        }

        return states;
    }

    /// <summary>Moves the checkpoint from <paramref name="from"/>; false when someone else moved it.</summary>
    public async Task<bool> AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, long from, long to, string owner, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {schema}.projection_progress SET last_seq = $3, owner = $4, heartbeat = now() WHERE name = $1 AND last_seq = $2",
            connection,
            transaction);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = owner });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task HeartbeatAsync(NpgsqlConnection connection, string name, string owner, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"UPDATE {schema}.projection_progress SET owner = $2, heartbeat = now() WHERE name = $1", connection);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records the failing event and pauses the projection, in one transaction.</summary>
    public async Task PauseAsync(NpgsqlConnection connection, string name, StreamEvent failed, Exception error, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var pause = new NpgsqlBatchCommand($"UPDATE {schema}.projection_progress SET status = 'paused', failed_seq = $2, failure = $3, failed_at = now() WHERE name = $1");
        pause.Parameters.Add(new() { Value = name });
        pause.Parameters.Add(new() { Value = failed.Sequence });
        pause.Parameters.Add(new() { Value = error.ToString() });
        var deadLetter = new NpgsqlBatchCommand($"INSERT INTO {schema}.dead_letter_events (projection, seq, event_id, error) VALUES ($1, $2, $3, $4)");
        deadLetter.Parameters.Add(new() { Value = name });
        deadLetter.Parameters.Add(new() { Value = failed.Sequence });
        deadLetter.Parameters.Add(new() { Value = failed.Id });
        deadLetter.Parameters.Add(new() { Value = error.ToString() });
        batch.BatchCommands.Add(pause);
        batch.BatchCommands.Add(deadLetter);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResumeAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH resumed AS (
                UPDATE {schema}.projection_progress
                SET status = 'running', failed_seq = NULL, failure = NULL, failed_at = NULL
                WHERE name = $1
                RETURNING name
            )
            UPDATE {schema}.dead_letter_events SET resolved_at = now()
            WHERE projection IN (SELECT name FROM resumed) AND resolved_at IS NULL
            """);
        command.Parameters.Add(new() { Value = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets the checkpoint back to zero; the current owner notices at its next batch.</summary>
    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {schema}.projection_progress SET last_seq = 0, status = 'running', failed_seq = NULL, failure = NULL, failed_at = NULL WHERE name = $1",
            connection,
            transaction);
        command.Parameters.Add(new() { Value = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ProjectionState Map(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetInt64(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));
}
