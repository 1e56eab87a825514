using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Tunda.Projections.Store;

namespace Tunda.Projections.Tests.Store;

/// <summary>
/// A Marten store with Tunda's configuration in a schema of its own, dropped afterwards; optionally
/// with Tunda's async daemon running over it.
/// </summary>
internal sealed class MartenScope : IAsyncDisposable
{
    /// <summary>Generous: the machine is shared, and a wait that ends early costs nothing.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private MartenScope(string schema, DocumentStore store)
    {
        Schema = schema;
        Store = store;
        DataSource = NpgsqlDataSource.Create(TundaStore.InUtc(TestDatabase.ConnectionString));
    }

    public string Schema { get; }

    public DocumentStore Store { get; }

    /// <summary>Connections for units of work a test controls itself (kept open, rolled back), in UTC as the store's own.</summary>
    public NpgsqlDataSource DataSource { get; }

    public IProjectionDaemon? Daemon { get; private set; }

    public DaemonLog Log { get; } = new();

    public static async Task<MartenScope> CreateAsync(Action<StoreOptions>? configure = null)
    {
        var schema = TestDatabase.NewSchemaName("marten");
        var store = DocumentStore.For(options =>
        {
            TundaStore.Configure(options, new TundaStoreSettings(TestDatabase.ConnectionString, schema));
            configure?.Invoke(options);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenScope(schema, store);
    }

    /// <summary>Starts the async daemon with every async projection of the store, as the app's host would.</summary>
    public async Task<IProjectionDaemon> StartDaemonAsync()
    {
        Daemon = await Store.BuildProjectionDaemonAsync(logger: Log);
        await Daemon.StartAllAsync();
        return Daemon;
    }

    /// <summary>The sequence number up to which the projection has been applied and committed.</summary>
    public Task<long> ProgressAsync(string projection) => Store.Advanced.ProjectionProgressFor(new ShardName(projection));

    /// <summary>Polls the projection's committed progress until it reaches <paramref name="sequence"/>.</summary>
    public async Task WaitForProgressAsync(string projection, long sequence)
    {
        using var cancel = new CancellationTokenSource(Patience);
        long progress;
        while ((progress = await ProgressAsync(projection)) < sequence)
        {
            if (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"{projection} reached {progress}, not {sequence}, within {Patience}. Daemon log:\n{Log.Tail()}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Polls until the daemon's agent for <paramref name="projection"/> is in <paramref name="status"/>.</summary>
    public async Task<ISubscriptionAgent> WaitForAgentAsync(string projection, AgentStatus status)
    {
        var daemon = Daemon ?? throw new InvalidOperationException("Start the daemon first.");
        var shard = new ShardName(projection).Identity;
        using var cancel = new CancellationTokenSource(Patience);
        while (true)
        {
            var agent = daemon.CurrentAgents().FirstOrDefault(a => a.Name.Identity == shard);
            if (agent?.Status == status)
            {
                return agent;
            }

            if (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"{shard} is {agent?.Status.ToString() ?? "absent"}, not {status}, after {Patience}. Daemon log:\n{Log.Tail()}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>A single value from SQL in which <c>{schema}</c> stands for the store's schema.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", Schema, StringComparison.Ordinal));
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Daemon is not null)
        {
            await Daemon.StopAllAsync();
            Daemon.Dispose();
        }

        await Store.DisposeAsync();
        await DataSource.DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }
}
