using Npgsql;
using NpgsqlTypes;

namespace Tunda.EventStore;

/// <summary>An event ready to send: its id, payload, alias and JSON.</summary>
internal sealed record SerializedEvent(Guid Id, object Data, string Alias, int SchemaVersion, string Json);

/// <summary>One stream's part of a unit of work, as the parameters of one <c>append_stream</c> call.</summary>
internal sealed class StreamAppend(PendingStream stream, IReadOnlyList<SerializedEvent> events)
{
    private const long Any = -1;

    public PendingStream Stream { get; } = stream;

    public NpgsqlBatchCommand Command(string sql, string metadataJson)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new() { Value = Stream.Id });
        command.Parameters.Add(new() { Value = (object?)Stream.Type ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = Stream.Expected.IsAny ? Any : Stream.Expected.Value });
        command.Parameters.Add(new() { Value = Stream.Archive });
        command.Parameters.Add(new() { Value = events.Select(e => e.Id).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => e.Alias).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => e.SchemaVersion).ToArray() });
        command.Parameters.Add(new() { Value = events.Select(e => e.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = metadataJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return command;
    }

    /// <summary>The stored events, given the sequence numbers, final version and time the database chose.</summary>
    public IEnumerable<StreamEvent> ToStreamEvents(long[] sequences, long finalVersion, DateTimeOffset timestamp, EventMetadata metadata)
    {
        var firstVersion = finalVersion - events.Count + 1;
        return events.Select((e, i) => new StreamEvent(sequences[i], e.Id, Stream.Id, firstVersion + i, e.Alias, e.SchemaVersion, e.Data, metadata, timestamp));
    }
}
