using System.Security.Cryptography;
using Marten;
using Npgsql;
using Tunda.Projections.Store;

namespace Tunda.Benchmarks;

/// <summary>
/// A Marten store with Tunda's configuration (<see cref="TundaStore.Configure"/>) in a schema of its
/// own (<c>bench_</c> + random hex), fully applied on creation (which is what installs the event
/// chain, when Tunda has one) and dropped with everything in it on dispose.
/// </summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private readonly List<DocumentStore> _variants = [];
    private readonly Action<StoreOptions>? _configure;

    private BenchStore(string connectionString, string schema, DocumentStore store, Action<StoreOptions>? configure)
    {
        _configure = configure;
        ConnectionString = connectionString;
        Schema = schema;
        Store = store;
        DataSource = NpgsqlDataSource.Create(TundaStore.InUtc(connectionString));
    }

    /// <summary>The connection string both Marten and the raw side use (pool size and application name included).</summary>
    public string ConnectionString { get; }

    public string Schema { get; }

    public DocumentStore Store { get; }

    /// <summary>Plain Npgsql connections to the same server, in UTC like Marten's: raw writers, counters, checks.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Whether TundaStore.Configure installed a trigger on mt_events (the hash chain).</summary>
    public bool ChainInstalled { get; private set; }

    public static async Task<BenchStore> CreateAsync(string connectionString, Action<StoreOptions>? configure, CancellationToken cancellationToken)
    {
        var schema = "bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var store = new DocumentStore(Options(connectionString, schema, configure));
        var bench = new BenchStore(connectionString, schema, store, configure);
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            bench.ChainInstalled = await bench.ScalarAsync<long>(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = '{schema}.mt_events'::regclass AND NOT tgisinternal", cancellationToken) > 0;
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Another store over the same schema, configured as this one and then changed by <paramref name="change"/>
    /// (a setting that does not touch the schema, such as the append notification); disposed with this one.
    /// </summary>
    public DocumentStore Variant(Action<StoreOptions> change)
    {
        var variant = new DocumentStore(Options(ConnectionString, Schema, o =>
        {
            _configure?.Invoke(o);
            change(o);
        }));
        _variants.Add(variant);
        return variant;
    }

    /// <summary>Turns the user triggers on mt_events (the chain) off or on again: an experiment, only in a bench schema.</summary>
    public Task SetChainTriggerAsync(bool enabled, CancellationToken cancellationToken) =>
        ExecuteAsync($"ALTER TABLE {{schema}}.mt_events {(enabled ? "ENABLE" : "DISABLE")} TRIGGER USER", cancellationToken);

    /// <summary>Runs SQL in which <c>{schema}</c> stands for this store's schema.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(InSchema(sql));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(InSchema(sql));
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public string InSchema(string sql) => sql.Replace("{schema}", Schema, StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        foreach (var variant in _variants)
        {
            await variant.DisposeAsync();
        }

        await Store.DisposeAsync();
        await using (var drop = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE"))
        {
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await DataSource.DisposeAsync();
    }

    private static StoreOptions Options(string connectionString, string schema, Action<StoreOptions>? configure)
    {
        var options = new StoreOptions();
        TundaStore.Configure(options, new TundaStoreSettings(connectionString, schema));
        Workload.Register(options);
        configure?.Invoke(options);
        return options;
    }
}
