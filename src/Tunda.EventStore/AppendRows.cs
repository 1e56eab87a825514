using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Tunda.EventStore;

/// <summary>The events of a unit of work as column arrays, sent in one INSERT ... unnest.</summary>
internal sealed class EventRows
{
    private readonly List<Guid> _ids = [];
    private readonly List<Guid> _streams = [];
    private readonly List<long> _versions = [];
    private readonly List<string> _types = [];
    private readonly List<int> _schemaVersions = [];
    private readonly List<string> _data = [];
    private readonly List<byte[]> _hashes = [];
    private readonly List<object> _payloads = [];

    public int Count => _ids.Count;

    public void Add(Guid id, Guid streamId, long version, SerializedEvent e, byte[] hash)
    {
        _ids.Add(id);
        _streams.Add(streamId);
        _versions.Add(version);
        _types.Add(e.Alias);
        _schemaVersions.Add(e.SchemaVersion);
        _data.Add(Encoding.UTF8.GetString(e.Canonical));
        _hashes.Add(hash);
        _payloads.Add(e.Data);
    }

    public NpgsqlBatchCommand InsertCommand(string sql, string metadataJson, DateTimeOffset timestamp)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new() { Value = _ids.ToArray() });
        command.Parameters.Add(new() { Value = _streams.ToArray() });
        command.Parameters.Add(new() { Value = _versions.ToArray() });
        command.Parameters.Add(new() { Value = _types.ToArray() });
        command.Parameters.Add(new() { Value = _schemaVersions.ToArray() });
        command.Parameters.Add(new() { Value = _data.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = metadataJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = timestamp });
        command.Parameters.Add(new() { Value = _hashes.ToArray() });
        return command;
    }

    public IReadOnlyList<StreamEvent> ToStreamEvents(long[] sequences, EventMetadata metadata, DateTimeOffset timestamp)
    {
        var events = new StreamEvent[Count];
        for (var i = 0; i < Count; i++)
        {
            events[i] = new StreamEvent(sequences[i], _ids[i], _streams[i], _versions[i], _types[i], _schemaVersions[i], _payloads[i], metadata, timestamp);
        }

        Array.Sort(events, (a, b) => a.Sequence.CompareTo(b.Sequence));
        return events;
    }
}

/// <summary>New versions, hash heads and archive flags for the streams of a unit of work.</summary>
internal sealed class StreamUpdates
{
    private readonly List<Guid> _ids = [];
    private readonly List<long> _versions = [];
    private readonly List<byte[]?> _hashes = [];
    private readonly List<bool> _archive = [];

    public void Add(Guid id, long version, byte[]? hash, bool archive)
    {
        _ids.Add(id);
        _versions.Add(version);
        _hashes.Add(hash);
        _archive.Add(archive);
    }

    public IReadOnlyDictionary<Guid, long> Versions() =>
        _ids.Zip(_versions).ToDictionary(p => p.First, p => p.Second);

    public NpgsqlBatchCommand UpdateCommand(string sql, DateTimeOffset timestamp)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new() { Value = _ids.ToArray() });
        command.Parameters.Add(new() { Value = _versions.ToArray() });
        command.Parameters.Add(new() { Value = _hashes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = _archive.ToArray() });
        command.Parameters.Add(new() { Value = timestamp });
        return command;
    }
}
