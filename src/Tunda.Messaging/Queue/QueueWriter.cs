using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Tunda.Messaging.Queue;

/// <summary>Inserts queue rows inside whatever transaction the caller holds, so they commit or vanish with it.</summary>
internal sealed class QueueWriter(string schema, MessageTypes types, JsonSerializerOptions json)
{
    // The inbox insert and the queue insert are one statement: a duplicate id inserts neither, and a
    // concurrent duplicate blocks on the inbox key until the first transaction ends.
    private readonly string _deduplicated = $"""
        WITH fresh AS (INSERT INTO {schema}.message_inbox (message_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING message_id)
        INSERT INTO {schema}.messages (id, type, body, metadata, correlation_id, deliver_at)
        SELECT $1, $2, $3::jsonb, $4::jsonb, $5, coalesce($6, transaction_timestamp()) FROM fresh
        """;

    private readonly string _plain = $"""
        INSERT INTO {schema}.messages (id, type, body, metadata, correlation_id, deliver_at)
        VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, coalesce($6, transaction_timestamp()))
        """;

    /// <summary>Returns how many rows were really enqueued (duplicates are left out).</summary>
    public async Task<int> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<Envelope> envelopes, CancellationToken cancellationToken)
    {
        if (envelopes.Count == 0)
        {
            return 0;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var envelope in envelopes)
        {
            var command = new NpgsqlBatchCommand(envelope.Deduplicate ? _deduplicated : _plain);
            command.Parameters.Add(new() { Value = envelope.Id, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = types.AliasOf(envelope.Message.GetType()), NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = JsonSerializer.Serialize(envelope.Message, envelope.Message.GetType(), json), NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = JsonSerializer.Serialize(envelope.Metadata, json), NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = (object?)envelope.Metadata.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = (object?)envelope.DeliverAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(command);
        }

        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
