using System.Security.Cryptography;
using Npgsql;
using Tunda.EventStore;

namespace Tunda.Benchmarks;

/// <summary>
/// An event store in a schema of its own (<c>bench_</c> + random hex), migrated on creation and
/// dropped with everything in it on dispose. Each measurement cell gets a fresh one, so tables
/// left large by one cell do not slow the next.
/// </summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private BenchStore(Tunda.EventStore.EventStore store, NpgsqlDataSource dataSource)
    {
        Store = store;
        DataSource = dataSource;
    }

    public Tunda.EventStore.EventStore Store { get; }

    public NpgsqlDataSource DataSource { get; }

    public string Schema => Store.Schema;

    public static async Task<BenchStore> CreateAsync(string connectionString, Action<EventStoreOptions>? configure, CancellationToken cancellationToken)
    {
        var options = new EventStoreOptions
        {
            ConnectionString = connectionString,
            Schema = "bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)),
        };
        Workload.Register(options);
        configure?.Invoke(options);

        // The store's own data source settings (auto-prepare), shared with the raw side so both are
        // measured alike; enough pooled connections for 32 writers plus samplers and the daemon.
        var dataSource = Tunda.EventStore.EventStore.CreateDataSource(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 100 }.ConnectionString, "tunda-bench");
        var bench = new BenchStore(new Tunda.EventStore.EventStore(options, dataSource), dataSource);
        try
        {
            await bench.Store.MigrateAsync(cancellationToken);
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    public async Task<long> MaxSequenceAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand($"SELECT coalesce(max(seq), 0) FROM {Schema}.events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await using (var drop = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE"))
        {
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await DataSource.DisposeAsync();
    }
}
