using System.Globalization;
using System.Text;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Tunda.Benchmarks.Appends;

/// <summary>
/// What Marten's append is compared with, in the bench schema next to Marten's tables:
/// <c>raw_streams</c>/<c>raw_events</c> are copies of <c>mt_streams</c>/<c>mt_events</c> (same columns,
/// indexes and foreign key, their own sequence, no trigger) written by a hand-written transaction;
/// <c>raw_chained_events</c> is one more copy carrying the same hash-chain trigger as <c>mt_events</c>
/// (Tunda's link function as installed, pointed at its own link table), so that Marten with the chain
/// can be set against a hand-written transaction doing the same work; <c>plain_events</c> is the same
/// event table with no stream table and no foreign key, written by autocommit multi-row INSERTs. Rows carry the same JSON as Marten's (its serializer), the same
/// metadata columns and the same event name.
/// </summary>
internal sealed class RawEventTables
{
    private const int ParametersPerRow = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly ISerializer _serializer;
    private readonly string _dotnetType;
    private readonly string _headersJson;

    private RawEventTables(NpgsqlDataSource dataSource, string schema, ISerializer serializer)
    {
        _dataSource = dataSource;
        _schema = schema;
        _serializer = serializer;
        _dotnetType = $"{typeof(InvoiceLineAdded).FullName}, {typeof(InvoiceLineAdded).Assembly.GetName().Name}";
        _headersJson = serializer.ToJson(Workload.Headers);
    }

    public static async Task<RawEventTables> CreateAsync(BenchStore bench, CancellationToken cancellationToken)
    {
        await bench.ExecuteAsync("""
            CREATE TABLE {schema}.raw_streams (LIKE {schema}.mt_streams INCLUDING ALL);
            CREATE SEQUENCE {schema}.raw_events_sequence;
            CREATE TABLE {schema}.raw_events (LIKE {schema}.mt_events INCLUDING ALL);
            ALTER TABLE {schema}.raw_events ALTER COLUMN seq_id SET DEFAULT nextval('{schema}.raw_events_sequence'),
                ALTER COLUMN timestamp SET DEFAULT now(),
                ADD FOREIGN KEY (stream_id) REFERENCES {schema}.raw_streams (id) ON DELETE CASCADE;
            CREATE TABLE {schema}.raw_chained_events (LIKE {schema}.raw_events INCLUDING ALL);
            ALTER TABLE {schema}.raw_chained_events ADD FOREIGN KEY (stream_id) REFERENCES {schema}.raw_streams (id) ON DELETE CASCADE;
            CREATE SEQUENCE {schema}.plain_events_sequence;
            CREATE TABLE {schema}.plain_events (LIKE {schema}.mt_events INCLUDING ALL);
            ALTER TABLE {schema}.plain_events ALTER COLUMN seq_id SET DEFAULT nextval('{schema}.plain_events_sequence'),
                ALTER COLUMN timestamp SET DEFAULT now();
            """, cancellationToken);
        if (bench.ChainInstalled)
        {
            await ChainAsync(bench, cancellationToken);
        }

        return new RawEventTables(bench.DataSource, bench.Schema, bench.Store.Options.Serializer());
    }

    /// <summary>
    /// The chain on <c>raw_chained_events</c>: Tunda's link function read back from the catalog and
    /// created again under another name, writing into a copy of the link table.
    /// </summary>
    private static Task ChainAsync(BenchStore bench, CancellationToken cancellationToken) => bench.ExecuteAsync("""
        CREATE TABLE {schema}.raw_event_chain (LIKE {schema}.tunda_event_chain INCLUDING ALL);
        DO $$ BEGIN
            EXECUTE replace(replace(pg_get_functiondef('{schema}.tunda_event_chain_link()'::regprocedure),
                '{schema}.tunda_event_chain_link(', '{schema}.raw_event_chain_link('),
                '{schema}.tunda_event_chain ', '{schema}.raw_event_chain ');
        END $$;
        CREATE TRIGGER raw_event_chain_link AFTER INSERT ON {schema}.raw_chained_events
            FOR EACH ROW EXECUTE FUNCTION {schema}.raw_event_chain_link();
        """, cancellationToken);

    /// <summary>The same tables written through other connections (for instance ones that explain every statement).</summary>
    public RawEventTables Using(NpgsqlDataSource dataSource) => new(dataSource, _schema, _serializer);

    /// <summary>
    /// A writer with a stream of its own, created with one event; each step appends
    /// <paramref name="eventsPerAppend"/> events in one transaction: the stream row's version moves
    /// from exactly the expected one (else the transaction rolls back) and the rows are inserted by
    /// one multi-row INSERT. BEGIN rides with the batch, COMMIT is its own round trip, as in Marten.
    /// <paramref name="chained"/> writes the copy that carries the hash chain's trigger.
    /// </summary>
    public async Task<WriterStep> VersionCheckedWriterAsync(int eventsPerAppend, bool chained, CancellationToken cancellationToken)
    {
        var events = chained ? "raw_chained_events" : "raw_events";
        var stream = Guid.CreateVersion7();
        var version = 1L;
        await using (var create = _dataSource.CreateBatch())
        {
            create.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {_schema}.raw_streams (id, type, version) VALUES ($1, NULL, 1)") { Parameters = { new() { Value = stream } } });
            create.BatchCommands.Add(Insert(events, stream, 1, 1));
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var update = $"UPDATE {_schema}.raw_streams SET version = $2, timestamp = now() WHERE id = $1 AND version = $3";
        return async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(update)
            {
                Parameters = { new() { Value = stream }, new() { Value = version + eventsPerAppend }, new() { Value = version } },
            });
            batch.BatchCommands.Add(Insert(events, stream, version + 1, eventsPerAppend));
            await batch.ExecuteNonQueryAsync(token);
            if (batch.BatchCommands[0].RecordsAffected != 1)
            {
                throw new InvalidOperationException($"Stream {stream} is not at version {version}.");
            }

            await transaction.CommitAsync(token);
            version += eventsPerAppend;
        };
    }

    /// <summary>A writer inserting <paramref name="eventsPerAppend"/> rows of its own stream per autocommit statement.</summary>
    public WriterStep PlainInsertWriter(int eventsPerAppend)
    {
        var stream = Guid.CreateVersion7();
        var version = 0L;
        return async token =>
        {
            await using var batch = _dataSource.CreateBatch();
            batch.BatchCommands.Add(Insert("plain_events", stream, version + 1, eventsPerAppend));
            await batch.ExecuteNonQueryAsync(token);
            version += eventsPerAppend;
        };
    }

    private NpgsqlBatchCommand Insert(string table, Guid stream, long firstVersion, int count)
    {
        var sql = new StringBuilder().Append(CultureInfo.InvariantCulture, $"""
            INSERT INTO {_schema}.{table} (id, stream_id, version, data, type, mt_dotnet_type, correlation_id, causation_id, headers) VALUES
            """);
        var command = new NpgsqlBatchCommand
        {
            Parameters =
            {
                new() { Value = stream },
                new() { Value = Workload.EventName },
                new() { Value = _dotnetType },
                new() { Value = Workload.CorrelationId },
                new() { Value = Workload.CausationId },
                new() { Value = _headersJson, NpgsqlDbType = NpgsqlDbType.Jsonb },
            },
        };
        const int shared = 6;
        for (var i = 0; i < count; i++)
        {
            var version = firstVersion + i;
            var p = shared + 1 + (i * ParametersPerRow);
            sql.Append(i == 0 ? " " : ", ").Append(CultureInfo.InvariantCulture, $"(${p}, $1, ${p + 1}, ${p + 2}, $2, $3, $4, $5, $6)");
            command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
            command.Parameters.Add(new() { Value = version });
            command.Parameters.Add(new() { Value = _serializer.ToJson(Workload.Event(stream, (int)version)), NpgsqlDbType = NpgsqlDbType.Jsonb });
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
