using Npgsql;

namespace Tunda.Web.Features.Health;

/// <summary>The database as /health reports it.</summary>
public sealed record DatabaseHealth(
    string Status,
    string? Database,
    string Schema,
    string? Server,
    int SchemaVersion,
    long LastSequence,
    double? OldestTransactionSeconds,
    string? Error)
{
    public static async Task<DatabaseHealth> ReadAsync(EventStore.EventStore store, CancellationToken cancellationToken)
    {
        // The oldest transaction holding an id is what holds the daemon's high-water mark back.
        await using var command = store.DataSource.CreateCommand($"""
            SELECT current_database(),
                   current_setting('server_version'),
                   to_regclass('{store.Schema}.schema_migrations') IS NOT NULL,
                   (SELECT extract(epoch FROM now() - min(xact_start))::float8 FROM pg_stat_activity WHERE backend_xid IS NOT NULL)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var database = reader.GetString(0);
        var server = reader.GetString(1);
        var migrated = reader.GetBoolean(2);
        double? oldest = reader.IsDBNull(3) ? null : reader.GetDouble(3);
        await reader.DisposeAsync();

        var (schemaVersion, lastSequence) = migrated ? await StoreStateAsync(store, cancellationToken) : (0, 0L);
        return new DatabaseHealth("up", database, store.Schema, server, schemaVersion, lastSequence, oldest, null);
    }

    public static DatabaseHealth Down(EventStore.EventStore store, Exception error)
    {
        var builder = new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString);
        var reason = error is OperationCanceledException or TimeoutException ? "timed out" : error.Message;
        return new DatabaseHealth("down", builder.Database, store.Schema, null, 0, 0, null, reason);
    }

    private static async Task<(int SchemaVersion, long LastSequence)> StoreStateAsync(EventStore.EventStore store, CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand(
            $"SELECT (SELECT max(version) FROM {store.Schema}.schema_migrations WHERE component = 'event_store'), (SELECT coalesce(max(seq), 0) FROM {store.Schema}.events)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? 0 : reader.GetInt32(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1));
    }
}
