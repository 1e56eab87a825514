using Npgsql;
using Tunda.EventStore;
using Tunda.EventStore.Projections;

namespace Tunda.Projections.Tests.Support;

/// <summary>An event store with Tunda's projections in a schema of its own, dropped when the test ends.</summary>
internal sealed class AccountsStore : IAsyncDisposable
{
    private AccountsStore(EventStore.EventStore store) => Store = store;

    public EventStore.EventStore Store { get; }

    public string Schema => Store.Schema;

    public static async Task<AccountsStore> CreateAsync()
    {
        var options = new EventStoreOptions { ConnectionString = TestDatabase.ConnectionString, Schema = TestDatabase.NewSchemaName("accounts") };
        TundaProjections.Register(options);
        var store = new EventStore.EventStore(options);
        await store.MigrateAsync();
        return new AccountsStore(store);
    }

    /// <summary>Appends in its own unit of work, as a handler would (inline projections run before commit).</summary>
    public async Task AppendAsync(Guid streamId, string streamType, params object[] events)
    {
        await using var session = Store.OpenSession();
        session.Append(streamId, streamType, ExpectedVersion.Any, events);
        await session.SaveChangesAsync();
    }

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> query)
    {
        await using var connection = await Store.DataSource.OpenConnectionAsync();
        return await query(connection);
    }

    /// <summary>Every row of <paramref name="table"/>, as sorted JSON: for comparing whole read models.</summary>
    public async Task<string> SnapshotAsync(string table)
    {
        await using var command = Store.DataSource.CreateCommand($"SELECT coalesce(jsonb_agg(t ORDER BY t::text), '[]')::text FROM {Schema}.{table} t");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Empties every projection and replays every stored event through it in sequence order, in one transaction.</summary>
    public async Task RebuildAllAsync()
    {
        var events = new List<StreamEvent>();
        await using (var ids = Store.DataSource.CreateCommand($"SELECT id FROM {Schema}.streams"))
        await using (var reader = await ids.ExecuteReaderAsync())
        {
            var streamIds = new List<Guid>();
            while (await reader.ReadAsync())
            {
                streamIds.Add(reader.GetGuid(0));
            }

            foreach (var id in streamIds)
            {
                events.AddRange(await Store.FetchStreamAsync(id));
            }
        }

        await using var connection = await Store.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var context = new ProjectionContext(connection, transaction, Schema);
        foreach (var projection in Store.Options.Projections.All)
        {
            await projection.ResetAsync(context, CancellationToken.None);
            await projection.ApplyAsync(context, events.OrderBy(e => e.Sequence).ToList(), CancellationToken.None);
        }

        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }
}
