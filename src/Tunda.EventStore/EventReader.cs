using System.Text.Json;
using Npgsql;

namespace Tunda.EventStore;

/// <summary>Reads stored events back into <see cref="StreamEvent"/>s, upcasting old payloads.</summary>
internal sealed class EventReader(EventStore store)
{
    // Every event of a unit of work carries the same metadata, so consecutive rows usually repeat
    // it: parse each distinct text once per read.
    private sealed class MetadataCache(System.Text.Json.JsonSerializerOptions json)
    {
        private string? _text;
        private EventMetadata _value = EventMetadata.SystemDefault;

        public EventMetadata Get(string text)
        {
            if (text != _text)
            {
                _value = JsonSerializer.Deserialize<EventMetadata>(text, json) ?? EventMetadata.SystemDefault;
                _text = text;
            }

            return _value;
        }
    }

    public async Task<IReadOnlyList<StreamEvent>> FetchStreamAsync(Guid streamId, StreamLimit limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        return await FetchStreamAsync(connection, null, streamId, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<StreamEvent>> FetchStreamAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid streamId, StreamLimit limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(store.Sql.FetchStream, connection, transaction);
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = (object?)limit.Version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = (object?)limit.Moment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand(store.Sql.LastSequence);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<StreamInfo?> FetchStreamInfoAsync(Guid streamId, CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand(store.Sql.FetchStreamInfo);
        command.Parameters.Add(new() { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StreamInfo(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetInt64(2),
            reader.GetBoolean(3),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetFieldValue<DateTimeOffset>(5));
    }

    /// <summary>Events with <paramref name="after"/> &lt; seq &lt;= <paramref name="upTo"/>, in order, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<StreamEvent>> ReadRangeAsync(NpgsqlConnection connection, long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(store.Sql.ReadRange, connection);
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = upTo });
        command.Parameters.Add(new() { Value = limit });
        return await ReadAllAsync(command, cancellationToken);
    }

    private async Task<IReadOnlyList<StreamEvent>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StreamEvent>();
        var metadata = new MetadataCache(store.Options.Json);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Map(reader, metadata));
        }

        return events;
    }

    /// <summary>Maps a row selected with the store's event columns.</summary>
    private StreamEvent Map(NpgsqlDataReader reader, MetadataCache metadata)
    {
        var type = reader.GetString(4);
        var schemaVersion = reader.GetInt32(5);
        var json = store.Options.Json;
        return new StreamEvent(
            Sequence: reader.GetInt64(0),
            Id: reader.GetGuid(1),
            StreamId: reader.GetGuid(2),
            Version: reader.GetInt64(3),
            Type: type,
            SchemaVersion: schemaVersion,
            Data: store.Options.Events.Deserialize(type, schemaVersion, reader.GetString(6), json),
            Metadata: metadata.Get(reader.GetString(7)),
            Timestamp: reader.GetFieldValue<DateTimeOffset>(8));
    }
}
