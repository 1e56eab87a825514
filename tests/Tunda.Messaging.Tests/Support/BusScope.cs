using Tunda.EventStore;
using Tunda.EventStore.Daemon;
using Tunda.Messaging.Workers;
using Store = Tunda.EventStore.EventStore;

namespace Tunda.Messaging.Tests.Support;

/// <summary>An event store and a message bus in a schema of their own, dropped when the test ends.</summary>
internal sealed class BusScope : IAsyncDisposable
{
    private readonly List<MessageWorker> _workers = [];
    private readonly List<ProjectionDaemon> _daemons = [];

    private BusScope(Store store, MessageBus bus)
    {
        Store = store;
        Bus = bus;
    }

    public Store Store { get; }

    public MessageBus Bus { get; }

    public string Schema => Store.Schema;

    public HandledLog Handled => new(Store.DataSource, Schema);

    /// <summary>Timings short enough for tests, generous enough for a loaded two-core machine.</summary>
    public static MessagingOptions FastOptions() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        NodeTimeout = TimeSpan.FromSeconds(3),
        DefaultRetry = new RetryPolicy(3, [TimeSpan.FromMilliseconds(50)]),
    };

    public static async Task<BusScope> CreateAsync(Action<MessagingOptions>? configure = null, Action<EventStoreOptions, MessagingOptions>? configureStore = null)
    {
        var messaging = FastOptions();
        messaging.Messages.Register<LargeDepositNoticed>("large_deposit_noticed");
        Account.Register(messaging.Handlers);
        configure?.Invoke(messaging);

        var options = new EventStoreOptions { ConnectionString = TestDatabase.ConnectionString, Schema = TestDatabase.NewSchemaName("msg") };
        options.Events.Register<Deposited>("deposited").Register<Withdrawn>("withdrawn");
        configureStore?.Invoke(options, messaging);

        var store = new Store(options);
        await store.MigrateAsync();
        var bus = new MessageBus(store, messaging);
        await bus.MigrateAsync();
        var scope = new BusScope(store, bus);
        await scope.Handled.CreateAsync();
        return scope;
    }

    public async Task<MessageWorker> StartWorkerAsync(string nodeName)
    {
        var worker = Bus.CreateWorker(nodeName);
        _workers.Add(worker);
        await worker.StartAsync();
        return worker;
    }

    public async Task<ProjectionDaemon> StartDaemonAsync()
    {
        var daemon = new ProjectionDaemon(Store, new DaemonOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
            LockRetryInterval = TimeSpan.FromMilliseconds(100),
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
        });
        _daemons.Add(daemon);
        await daemon.StartAsync();
        return daemon;
    }

    public async Task<long> CountAsync(string table, string where = "true") =>
        await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {Schema}.{table} WHERE {where}");

    public async Task<long> ScalarAsync(string sql) =>
        Convert.ToInt64(await TestDatabase.ScalarAsync<object>(sql.Replace("{schema}", Schema, StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);

    public Task ExecuteAsync(string sql) => TestDatabase.ExecuteAsync(sql.Replace("{schema}", Schema, StringComparison.Ordinal));

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after a generous timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        foreach (var daemon in _daemons)
        {
            await daemon.DisposeAsync();
        }

        await Bus.DisposeAsync();
        await Store.DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }
}
