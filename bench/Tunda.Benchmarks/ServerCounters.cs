using Npgsql;

namespace Tunda.Benchmarks;

/// <summary>
/// Cluster-wide WAL position and next transaction id, read without taking an id. The difference
/// over a measurement shows what each append costs the server beyond its rows: WAL bytes per
/// event, and transactions per append (the append itself, plus any NOTIFY or fence transactions).
/// Other databases' activity on the same cluster is counted too.
/// </summary>
internal readonly record struct ServerCounters(long WalBytes, long NextTransactionId)
{
    public static async Task<ServerCounters> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ServerCounters(reader.GetInt64(0), reader.GetInt64(1));
    }

    public static ServerCounters operator -(ServerCounters after, ServerCounters before) =>
        new(after.WalBytes - before.WalBytes, after.NextTransactionId - before.NextTransactionId);

    public static ServerCounters Subtract(ServerCounters after, ServerCounters before) => after - before;
}
