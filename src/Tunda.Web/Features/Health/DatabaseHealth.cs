using Npgsql;

namespace Tunda.Web.Features.Health;

/// <summary>The database as /health reports it.</summary>
public sealed record DatabaseHealth(
    string Status,
    string? Database,
    string Schema,
    string? Server,
    bool SchemaReady,
    long LastSequence,
    double? OldestTransactionSeconds,
    string? Error)
{
    public static async Task<DatabaseHealth> ReadAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        // The oldest transaction holding an id is what holds the daemon's high-water mark back.
        await using var command = dataSource.CreateCommand($"""
            SELECT current_database(),
                   current_setting('server_version'),
                   to_regclass('{schema}.mt_events') IS NOT NULL,
                   (SELECT extract(epoch FROM now() - min(xact_start))::float8 FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var database = reader.GetString(0);
        var server = reader.GetString(1);
        var ready = reader.GetBoolean(2);
        double? oldest = reader.IsDBNull(3) ? null : reader.GetDouble(3);
        await reader.DisposeAsync();

        var lastSequence = ready ? await LastSequenceAsync(dataSource, schema, cancellationToken) : 0L;
        return new DatabaseHealth("up", database, schema, server, ready, lastSequence, oldest, null);
    }

    public static DatabaseHealth Down(NpgsqlDataSource dataSource, string schema, Exception error)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var reason = error is OperationCanceledException or TimeoutException ? "timed out" : error.Message;
        return new DatabaseHealth("down", builder.Database, schema, null, false, 0, null, reason);
    }

    private static async Task<long> LastSequenceAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
