namespace Tunda.EventStore;

/// <summary>The store's statements, with the (validated) schema name spliced in once.</summary>
internal sealed class StoreSql(string schema)
{
    public string Schema { get; } = schema;

    public string NotifyChannel { get; } = $"tunda_events_{schema}";

    /// <summary>The columns <see cref="EventReader"/> maps, in its order.</summary>
    private const string EventColumns = "seq, id, stream_id, version, type, schema_version, data::text, metadata::text, timestamp";

    public string BeginAppend { get; } = "SELECT transaction_timestamp(), pg_current_xact_id()::text";

    public string LockExisting { get; } = $"SELECT version, is_archived, last_hash FROM {schema}.streams WHERE id = $1 FOR UPDATE";

    public string InsertStream { get; } = $"""
        INSERT INTO {schema}.streams (id, type, version) VALUES ($1, $2, 0)
        ON CONFLICT (id) DO NOTHING
        RETURNING version, is_archived, last_hash
        """;

    public string InsertEvents { get; } = $"""
        INSERT INTO {schema}.events (seq, id, stream_id, version, type, schema_version, data, metadata, timestamp, hash)
        SELECT nextval('{schema}.event_seq'), e.id, e.stream_id, e.version, e.type, e.schema_version, e.data, $7, $8, e.hash
        FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::int[], $6::jsonb[], $9::bytea[])
            AS e (id, stream_id, version, type, schema_version, data, hash)
        RETURNING seq
        """;

    public string UpdateStreams { get; } = $"""
        UPDATE {schema}.streams s
        SET version = u.version, last_hash = coalesce(u.hash, s.last_hash), is_archived = s.is_archived OR u.archive, updated_at = $5
        FROM unnest($1::uuid[], $2::bigint[], $3::bytea[], $4::boolean[]) AS u (id, version, hash, archive)
        WHERE s.id = u.id
        """;

    public string FetchStream { get; } = $"""
        SELECT {EventColumns}
        FROM {schema}.events
        WHERE stream_id = $1 AND ($2::bigint IS NULL OR version <= $2) AND ($3::timestamptz IS NULL OR timestamp <= $3)
        ORDER BY version
        """;

    public string FetchStreamInfo { get; } = $"SELECT id, type, version, is_archived, created_at, updated_at FROM {schema}.streams WHERE id = $1";

    public string ReadRange { get; } = $"""
        SELECT {EventColumns}
        FROM {schema}.events
        WHERE seq > $1 AND seq <= $2
        ORDER BY seq
        LIMIT $3
        """;
}
