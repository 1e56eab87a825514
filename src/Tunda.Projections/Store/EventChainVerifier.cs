using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Tunda.Projections.Store;

/// <summary>
/// Recomputes every link from the stored rows of <c>mt_events</c> (see <see cref="EventChainHash"/>)
/// and reports each stream's first broken link: an edited event, an event without a link, a link
/// whose event was deleted, a gap in the versions, or a stream whose recorded version is not its
/// last event's. Events and links are read in one statement, so appends running meanwhile are seen
/// either with their links or not at all.
/// </summary>
public sealed class EventChainVerifier(IDocumentStore store)
{
    public async Task<EventChainReport> VerifyAsync(Guid? streamId = null, CancellationToken cancellationToken = default)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT coalesce(e.stream_id, c.stream_id), coalesce(e.version, c.version), coalesce(e.seq_id, c.seq_id),
                   e.id, e.timestamp, e.type, e.data::text, e.headers::text, e.correlation_id, e.causation_id, e.tenant_id, e.bdata,
                   c.hash, s.version::bigint
            FROM (SELECT * FROM {schema}.mt_events WHERE $1::uuid IS NULL OR stream_id = $1) e
            FULL JOIN (SELECT * FROM {schema}.{EventChainSchema.TableName} WHERE $1::uuid IS NULL OR stream_id = $1) c
                ON c.stream_id = e.stream_id AND c.version = e.version
            LEFT JOIN {schema}.mt_streams s ON s.id = coalesce(e.stream_id, c.stream_id)
            WHERE coalesce(e.stream_id, c.stream_id) <> $2
            ORDER BY 1, 2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)streamId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = Tombstone.StreamId, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var breaks = new List<EventChainBreak>();
        long streams = 0, events = 0;
        StreamWalk? walk = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = LinkRow.Read(reader);
            if (walk is null || walk.StreamId != row.StreamId)
            {
                walk?.Finish(breaks);
                walk = new StreamWalk(row.StreamId, row.StreamVersion);
                streams++;
            }

            events += row.Event is null ? 0 : 1;
            walk.Check(row, breaks);
        }

        walk?.Finish(breaks);
        return new EventChainReport(streams, events, breaks);
    }

    private sealed class StreamWalk(Guid streamId, long? streamVersion)
    {
        private byte[] _previous = [];
        private long _version;
        private long _sequence;
        private bool _broken;

        public Guid StreamId => streamId;

        public void Check(LinkRow row, List<EventChainBreak> breaks)
        {
            if (_broken)
            {
                return;
            }

            if (Fault(row) is { } reason)
            {
                breaks.Add(new EventChainBreak(StreamId, row.Version, row.Sequence, reason));
                _broken = true;
                return;
            }

            (_previous, _version, _sequence) = (row.Hash!, row.Version, row.Sequence);
        }

        public void Finish(List<EventChainBreak> breaks)
        {
            if (!_broken && streamVersion is { } head && head != _version)
            {
                breaks.Add(new EventChainBreak(StreamId, _version, _sequence, $"the stream is at version {head} but its last event is version {_version}"));
            }
        }

        private string? Fault(LinkRow row) => row switch
        {
            _ when row.Version != _version + 1 => $"version {row.Version} follows version {_version}: events and their links are missing",
            { Event: null } => "the link has no event: the event was deleted",
            { Hash: null } => "the event has no link: it was appended without the chain's trigger, or its link was deleted",
            _ when !EventChainHash.Link(_previous, row.Event).AsSpan().SequenceEqual(row.Hash) => "the link does not match the event's stored columns and the previous link",
            _ => null,
        };
    }

    private sealed record LinkRow(Guid StreamId, long Version, long Sequence, ChainedEvent? Event, byte[]? Hash, long? StreamVersion)
    {
        public static LinkRow Read(NpgsqlDataReader reader)
        {
            var (streamId, version) = (reader.GetGuid(0), reader.GetInt64(1));
            var stored = reader.IsDBNull(3) ? null : new ChainedEvent(
                streamId,
                version,
                reader.GetGuid(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5),
                reader.GetString(6),
                NullableString(reader, 7),
                NullableString(reader, 8),
                NullableString(reader, 9),
                NullableString(reader, 10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<byte[]>(11));
            return new LinkRow(
                streamId,
                version,
                reader.GetInt64(2),
                stored,
                reader.IsDBNull(12) ? null : reader.GetFieldValue<byte[]>(12),
                reader.IsDBNull(13) ? null : reader.GetInt64(13));
        }

        private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
