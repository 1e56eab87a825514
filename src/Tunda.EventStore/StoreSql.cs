namespace Tunda.EventStore;

/// <summary>The store's statements, with the (validated) schema name spliced in once.</summary>
internal sealed class StoreSql(string schema)
{
    public string Schema { get; } = schema;

    public string NotifyChannel { get; } = $"tunda_events_{schema}";

    /// <summary>The columns <see cref="EventReader"/> maps, in its order.</summary>
    private const string EventColumns = "seq, id, stream_id, version, type, schema_version, data::text, metadata::text, timestamp";

    public string AppendStream { get; } = $"SELECT o_seqs, o_version, o_timestamp FROM {schema}.append_stream($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    public string FetchStream { get; } = $"""
        SELECT {EventColumns}
        FROM {schema}.events
        WHERE stream_id = $1 AND ($2::bigint IS NULL OR version <= $2) AND ($3::timestamptz IS NULL OR timestamp <= $3)
        ORDER BY version
        """;

    public string LastSequence { get; } = $"SELECT coalesce(max(seq), 0) FROM {schema}.events";

    public string FetchStreamInfo { get; } = $"SELECT id, type, version, is_archived, created_at, updated_at FROM {schema}.streams WHERE id = $1";

    public string ReadRange { get; } = $"""
        SELECT {EventColumns}
        FROM {schema}.events
        WHERE seq > $1 AND seq <= $2
        ORDER BY seq
        LIMIT $3
        """;
}
