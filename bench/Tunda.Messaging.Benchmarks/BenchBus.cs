using Npgsql;
using Tunda.Domain;
using Tunda.EventStore;
using Tunda.Messaging.Handlers;
using Store = Tunda.EventStore.EventStore;

namespace Tunda.Messaging.Benchmarks;

public sealed record Noted(Guid Id, int N);

public sealed record Note(Guid Id, int N);

public sealed record Work(int N);

/// <summary>A store and bus in a bench_* schema of their own, as one process of the app would hold them.</summary>
internal sealed class BenchBus : IAsyncDisposable
{
    private BenchBus(Store store, MessageBus bus)
    {
        Store = store;
        Bus = bus;
    }

    public Store Store { get; }

    public MessageBus Bus { get; }

    public static async Task<BenchBus> OpenAsync(string connectionString, string schema, bool migrate)
    {
        var options = new EventStoreOptions { ConnectionString = connectionString, Schema = schema };
        options.Events.Register<Noted>("noted");
        var messaging = new MessagingOptions { PollInterval = TimeSpan.FromMilliseconds(20), BatchSize = 50 };
        messaging.Messages.Register<Work>("work");
        messaging.Handlers.Handle<Work>((_, _, _) => Task.CompletedTask);
        messaging.Handlers.Aggregate(new AggregateHandler<Note, int>
        {
            StreamType = "note",
            StreamId = c => c.Id,
            Initial = _ => 0,
            Evolve = (count, _) => count + 1,
            Decide = (_, c, _) => Decision.Accept(new Noted(c.Id, c.N)),
        });
        var store = new Store(options, Store.CreateDataSource(connectionString, "tunda-bench-messaging"));
        var bus = new MessageBus(store, messaging);
        if (migrate)
        {
            await store.MigrateAsync();
            await bus.MigrateAsync();
        }

        return new BenchBus(store, bus);
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
        await Store.DisposeAsync();
        await Store.DataSource.DisposeAsync();
    }

    public static async Task DropAsync(string connectionString, string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
