using Tunda.EventStore.Daemon;
using Tunda.EventStore.Projections;

namespace Tunda.EventStore.Tests.Support;

/// <summary>An event store in a schema of its own, dropped when the test ends.</summary>
internal sealed class StoreScope : IAsyncDisposable
{
    private readonly List<ProjectionDaemon> _daemons = [];

    private StoreScope(EventStore store) => Store = store;

    public EventStore Store { get; }

    public string Schema => Store.Schema;

    public static async Task<StoreScope> CreateAsync(Action<EventStoreOptions>? configure = null)
    {
        var options = new EventStoreOptions { ConnectionString = TestDatabase.ConnectionString, Schema = TestDatabase.NewSchemaName("es") };
        options.Events.Register<Deposited>("deposited").Register<Withdrawn>("withdrawn").Register<Renamed>("renamed");
        configure?.Invoke(options);
        var store = new EventStore(options);
        await store.MigrateAsync();
        return new StoreScope(store);
    }

    /// <summary>A second store object on the same schema, as another process would have.</summary>
    public EventStore OpenPeer(Action<EventStoreOptions> configure, string nodeName)
    {
        var options = new EventStoreOptions { ConnectionString = TestDatabase.ConnectionString, Schema = Schema, NodeName = nodeName };
        options.Events.Register<Deposited>("deposited").Register<Withdrawn>("withdrawn").Register<Renamed>("renamed");
        configure(options);
        return new EventStore(options);
    }

    public async Task<ProjectionDaemon> StartDaemonAsync(EventStore? store = null, DaemonOptions? options = null)
    {
        var daemon = new ProjectionDaemon(store ?? Store, options ?? FastDaemon);
        await daemon.StartAsync();
        _daemons.Add(daemon);
        return daemon;
    }

    /// <summary>Waits until <paramref name="daemon"/> owns <paramref name="projection"/> and has settled.</summary>
    public static async Task WaitUntilOwnedAsync(ProjectionDaemon daemon, string projection, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!daemon.Owned.Contains(projection))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The daemon did not take '{projection}' in time.");
            }

            await Task.Delay(20);
        }

        await Task.Delay(300);
    }

    public static DaemonOptions FastDaemon { get; } = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(200),
        LockRetryInterval = TimeSpan.FromMilliseconds(200),
        ReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    public async Task<long> ScalarAsync(string sql) =>
        Convert.ToInt64(await TestDatabase.ScalarAsync<object>(sql.Replace("{schema}", Schema, StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);

    public Task ExecuteAsync(string sql) => TestDatabase.ExecuteAsync(sql.Replace("{schema}", Schema, StringComparison.Ordinal));

    public async Task<IReadOnlyDictionary<Guid, Ledger>> ReadLedgersAsync(string table = "ledgers")
    {
        var json = Store.Options.Json;
        await using var command = Store.DataSource.CreateCommand($"SELECT id, data::text FROM {Schema}.{table}");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, Ledger>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = System.Text.Json.JsonSerializer.Deserialize<Ledger>(reader.GetString(1), json)!;
        }

        return rows;
    }

    /// <summary>Every stream folded from scratch: what a correct projection must hold.</summary>
    public async Task<IReadOnlyDictionary<Guid, Ledger>> FoldAllAsync()
    {
        var ids = new List<Guid>();
        await using (var command = Store.DataSource.CreateCommand($"SELECT id FROM {Schema}.streams WHERE version > 0"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var folded = new Dictionary<Guid, Ledger>();
        foreach (var id in ids)
        {
            var events = await Store.FetchStreamAsync(id);
            folded[id] = events.Aggregate(Ledger.Create(id), (state, e) => state.Apply(e));
        }

        return folded;
    }

    /// <summary>Asserts the projected rows equal a fresh fold, naming the first few that differ.</summary>
    public async Task ShouldMatchFreshFoldAsync(string table = "ledgers")
    {
        var projected = await ReadLedgersAsync(table);
        var folded = await FoldAllAsync();
        var differences = folded.Keys.Union(projected.Keys)
            .Where(id => !projected.TryGetValue(id, out var p) || !folded.TryGetValue(id, out var f) || p != f)
            .Take(5)
            .Select(id => $"{id}: projected {(projected.TryGetValue(id, out var p) ? p : null)}, folded {(folded.TryGetValue(id, out var f) ? f : null)}")
            .ToList();
        differences.ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            await daemon.DisposeAsync();
        }

        await Store.DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }
}
