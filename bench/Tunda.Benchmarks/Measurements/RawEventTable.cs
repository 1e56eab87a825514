using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// The raw limit for appends: a table with the store's <c>events</c> columns and indexes (seq
/// primary key from a CACHE 1 sequence, unique id, unique (stream_id, version)), written by plain
/// autocommit multi-row INSERTs of the same rows (same payload and metadata JSON, a 32-byte hash
/// value). No stream table (so no foreign key), no version check, no hash computation, no JSON
/// canonicalisation, and a plain nextval() default instead of the store's plpgsql next_event_seq().
/// </summary>
internal sealed class RawEventTable
{
    private static readonly byte[] FixedHash = new byte[32];

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;

    private RawEventTable(NpgsqlDataSource dataSource, string table)
    {
        _dataSource = dataSource;
        _table = table;
    }

    public static async Task<RawEventTable> CreateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        var table = $"{schema}.raw_events";
        await using var command = dataSource.CreateCommand($$"""
            CREATE SEQUENCE {{schema}}.raw_event_seq AS bigint CACHE 1;
            CREATE TABLE {{table}} (
                seq bigint PRIMARY KEY DEFAULT nextval('{{schema}}.raw_event_seq'),
                id uuid NOT NULL UNIQUE,
                stream_id uuid NOT NULL,
                version bigint NOT NULL,
                type text NOT NULL,
                schema_version int NOT NULL DEFAULT 1,
                data jsonb NOT NULL,
                metadata jsonb NOT NULL DEFAULT '{}',
                timestamp timestamptz NOT NULL DEFAULT transaction_timestamp(),
                hash bytea,
                UNIQUE (stream_id, version)
            );
            ALTER SEQUENCE {{schema}}.raw_event_seq OWNED BY {{table}}.seq;
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new RawEventTable(dataSource, table);
    }

    /// <summary>
    /// A writer inserting <paramref name="eventsPerAppend"/> rows per statement, either into a new
    /// stream id each time or into one stream of its own with rising versions.
    /// </summary>
    public WriterStep Writer(StreamPattern pattern, int eventsPerAppend)
    {
        var sql = InsertSql(eventsPerAppend);
        var account = Guid.NewGuid();
        var ownStream = Guid.NewGuid();
        var nextLine = 1;
        return async cancellationToken =>
        {
            var (streamId, firstVersion) = pattern == StreamPattern.NewStreamPerAppend ? (Guid.NewGuid(), 1) : (ownStream, nextLine);
            await using var command = _dataSource.CreateCommand(sql);
            command.Parameters.Add(new() { Value = Workload.MetadataJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            for (var i = 0; i < eventsPerAppend; i++)
            {
                var payload = JsonSerializer.Serialize(Workload.Event(account, nextLine + i), Workload.Json);
                command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
                command.Parameters.Add(new() { Value = streamId });
                command.Parameters.Add(new() { Value = (long)(firstVersion + i) });
                command.Parameters.Add(new() { Value = Workload.EventAlias });
                command.Parameters.Add(new() { Value = 1 });
                command.Parameters.Add(new() { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
                command.Parameters.Add(new() { Value = FixedHash });
            }

            nextLine += eventsPerAppend;
            await command.ExecuteNonQueryAsync(cancellationToken);
        };
    }

    private string InsertSql(int rows)
    {
        const int ParametersPerRow = 7;
        var sql = new StringBuilder($"INSERT INTO {_table} (id, stream_id, version, type, schema_version, data, metadata, hash) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            var p = 2 + (row * ParametersPerRow);
            sql.Append(row == 0 ? string.Empty : ", ")
                .Append(CultureInfo.InvariantCulture, $"(${p}, ${p + 1}, ${p + 2}, ${p + 3}, ${p + 4}, ${p + 5}, $1, ${p + 6})");
        }

        return sql.ToString();
    }
}
