using Npgsql;

namespace Tunda.EventStore.Integrity;

/// <summary>Where a stream's hash chain first stops matching its events.</summary>
public sealed record ChainBreak(Guid StreamId, long Version, long Sequence, Guid EventId, string Reason);

public sealed record ChainReport(long StreamsChecked, long EventsChecked, IReadOnlyList<ChainBreak> Breaks)
{
    public bool IsIntact => Breaks.Count == 0;
}

/// <summary>
/// Recomputes every event hash from the stored row (payload, metadata, alias, version, time) and
/// compares it with the stored hash, and checks the stream's version against its last event, reporting each stream's first
/// broken link. Editing any of those columns by SQL is found at the edited event.
/// </summary>
public sealed class ChainVerifier(EventStore store)
{
    public async Task<ChainReport> VerifyAsync(Guid? streamId = null, CancellationToken cancellationToken = default)
    {
        await using var command = store.DataSource.CreateCommand($"""
            SELECT e.stream_id, e.version, e.seq, e.id, e.type, e.schema_version, e.timestamp, e.data::text, e.metadata::text, e.hash, s.version
            FROM {store.Schema}.events e JOIN {store.Schema}.streams s ON s.id = e.stream_id
            WHERE $1::uuid IS NULL OR e.stream_id = $1
            ORDER BY e.stream_id, e.version
            """);
        command.Parameters.Add(new() { Value = (object?)streamId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var breaks = new List<ChainBreak>();
        long streams = 0, events = 0;
        var current = new StreamCursor(Guid.Empty, 0);
        while (await reader.ReadAsync(cancellationToken))
        {
            events++;
            var row = ChainRow.Read(reader);
            if (row.StreamId != current.StreamId)
            {
                CheckHead(current, breaks);
                current = new StreamCursor(row.StreamId, row.StreamVersion);
                streams++;
            }

            if (current.Broken)
            {
                continue;
            }

            var reason = Check(row, current);
            if (reason is not null)
            {
                breaks.Add(new ChainBreak(row.StreamId, row.Version, row.Sequence, row.EventId, reason));
                current.Broken = true;
                continue;
            }

            current.Version = row.Version;
            current.LastHash = row.StoredHash!;
            current.LastRow = row;
        }

        CheckHead(current, breaks);
        return new ChainReport(streams, events, breaks);
    }

    private static string? Check(ChainRow row, StreamCursor cursor)
    {
        if (row.Version != cursor.Version + 1)
        {
            return $"version {row.Version} follows {cursor.Version}";
        }

        if (row.StoredHash is null)
        {
            return "no hash stored";
        }

        var body = EventHash.Body(row.EventId, row.StreamId, row.Type, row.SchemaVersion, row.Data, row.Metadata);
        var expected = EventHash.Chain(cursor.LastHash, row.Version, row.Timestamp, body);
        return expected.AsSpan().SequenceEqual(row.StoredHash) ? null : "hash does not match the event's content or its predecessor";
    }

    private static void CheckHead(StreamCursor cursor, List<ChainBreak> breaks)
    {
        if (cursor.StreamId == Guid.Empty || cursor.Broken || cursor.LastRow is null)
        {
            return;
        }

        if (cursor.HeadVersion != cursor.Version)
        {
            var last = cursor.LastRow;
            breaks.Add(new ChainBreak(cursor.StreamId, last.Version, last.Sequence, last.EventId, $"the stream is at version {cursor.HeadVersion} but its last event is {cursor.Version} (events removed?)"));
        }
    }

    private sealed class StreamCursor(Guid streamId, long headVersion)
    {
        public Guid StreamId { get; } = streamId;

        public long HeadVersion { get; } = headVersion;

        public long Version { get; set; }

        public byte[] LastHash { get; set; } = [];

        public ChainRow? LastRow { get; set; }

        public bool Broken { get; set; }
    }

    private sealed record ChainRow(
        Guid StreamId, long Version, long Sequence, Guid EventId, string Type, int SchemaVersion,
        DateTimeOffset Timestamp, string Data, string Metadata, byte[]? StoredHash, long StreamVersion)
    {
        public static ChainRow Read(NpgsqlDataReader reader) => new(
            reader.GetGuid(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.GetGuid(3),
            reader.GetString(4),
            reader.GetInt32(5),
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9),
            reader.GetInt64(10));
    }
}
