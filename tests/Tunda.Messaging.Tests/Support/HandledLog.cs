using Npgsql;

namespace Tunda.Messaging.Tests.Support;

/// <summary>
/// A row per handled message, written inside the handler's unit of work: a message handled twice
/// shows up twice, one whose unit of work rolled back shows up not at all.
/// </summary>
internal sealed class HandledLog(NpgsqlDataSource dataSource, string schema)
{
    public async Task CreateAsync()
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE TABLE {schema}.handled (
                n bigint GENERATED ALWAYS AS IDENTITY,
                message_id uuid NOT NULL,
                label text NOT NULL,
                correlation_id uuid,
                causation_id uuid,
                handled_at timestamptz NOT NULL DEFAULT clock_timestamp())
            """);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task RecordAsync(MessageContext context, string label, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"INSERT INTO {context.Store.Schema}.handled (message_id, label, correlation_id, causation_id) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new() { Value = context.MessageId });
        command.Parameters.Add(new() { Value = label });
        command.Parameters.Add(new() { Value = (object?)context.Metadata.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = (object?)context.Metadata.CausationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<HandledRow>> ReadAsync()
    {
        await using var command = dataSource.CreateCommand($"SELECT message_id, label, correlation_id, causation_id, handled_at FROM {schema}.handled ORDER BY n");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<HandledRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    public async Task<long> CountAsync(string? label = null)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {schema}.handled WHERE $1::text IS NULL OR label = $1");
        command.Parameters.Add(new() { Value = (object?)label ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

internal sealed record HandledRow(Guid MessageId, string Label, Guid? CorrelationId, Guid? CausationId, DateTimeOffset HandledAt);
