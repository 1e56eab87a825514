using Npgsql;

namespace Tunda.Messaging.Workers;

/// <summary>
/// The statements a node runs against the queue. Ownership is a column, not a held lock, so a claim
/// survives between transactions; every later step checks "owner = me", so a row released from a
/// node taken for dead is never also finished by it.
/// </summary>
internal sealed class QueueRows(string schema)
{
    public async Task<List<ClaimedMessage>> ClaimAsync(NpgsqlConnection connection, string node, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE {schema}.messages m SET owner = $1, claimed_at = now()
            FROM (SELECT id FROM {schema}.messages
                  WHERE owner IS NULL AND deliver_at <= now()
                  ORDER BY deliver_at, position LIMIT $2
                  FOR UPDATE SKIP LOCKED) ready
            WHERE m.id = ready.id
            RETURNING m.id, m.type, m.body::text, m.metadata::text, m.attempts, m.position
            """, connection);
        command.Parameters.Add(new() { Value = node });
        command.Parameters.Add(new() { Value = limit });
        var claimed = new List<ClaimedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt64(5)));
        }

        // Handled in queue order, so one worker delivers a subscription's messages in commit order.
        claimed.Sort((a, b) => a.Position.CompareTo(b.Position));
        return claimed;
    }

    /// <summary>Inside the handler's transaction: the row goes exactly when the handler's work commits.</summary>
    public async Task<bool> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string node, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, $"DELETE FROM {schema}.messages WHERE id = $1 AND owner = $2", cancellationToken, id, node) == 1;

    public Task RetryLaterAsync(NpgsqlConnection connection, Guid id, string node, string error, TimeSpan delay, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, $"""
            UPDATE {schema}.messages
            SET owner = NULL, claimed_at = NULL, attempts = attempts + 1, last_error = $3, deliver_at = now() + $4
            WHERE id = $1 AND owner = $2
            """, cancellationToken, id, node, error, delay);

    public Task DeadLetterAsync(NpgsqlConnection connection, Guid id, string node, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, $"""
            WITH moved AS (DELETE FROM {schema}.messages WHERE id = $1 AND owner = $2 RETURNING *)
            INSERT INTO {schema}.message_dead_letters (id, type, body, metadata, correlation_id, attempts, error, enqueued_at)
            SELECT id, type, body, metadata, correlation_id, attempts + 1, $3, enqueued_at FROM moved
            """, cancellationToken, id, node, error);

    public Task HeartbeatAsync(NpgsqlConnection connection, string node, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, $"""
            INSERT INTO {schema}.message_nodes (name) VALUES ($1)
            ON CONFLICT (name) DO UPDATE SET heartbeat = now()
            """, cancellationToken, node);

    /// <summary>
    /// Forgets nodes silent for longer than <paramref name="timeout"/> and frees their rows (and any
    /// row whose owner is not a known node). Rows locked right now are skipped, not waited for: such
    /// a row is being handled by a node that is slow rather than dead, and either its commit deletes
    /// the row or, if it really died, its transaction ends and a later round frees the row as orphaned.
    /// </summary>
    public Task<int> RecoverAsync(NpgsqlConnection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, $"""
            WITH dead AS (DELETE FROM {schema}.message_nodes WHERE heartbeat < now() - $1 RETURNING name)
            UPDATE {schema}.messages m SET owner = NULL, claimed_at = NULL
            FROM (SELECT id FROM {schema}.messages
                  WHERE owner IN (SELECT name FROM dead)
                     OR (owner IS NOT NULL AND owner NOT IN (SELECT name FROM {schema}.message_nodes))
                  FOR UPDATE SKIP LOCKED) lost
            WHERE m.id = lost.id
            """, cancellationToken, timeout);

    /// <summary>On start and stop: rows this node name claimed earlier go back to everyone.</summary>
    public Task ReleaseAsync(NpgsqlConnection connection, string node, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, $"UPDATE {schema}.messages SET owner = NULL, claimed_at = NULL WHERE owner = $1", cancellationToken, node);

    public Task LeaveAsync(NpgsqlConnection connection, string node, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, $"DELETE FROM {schema}.message_nodes WHERE name = $1", cancellationToken, node);

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
