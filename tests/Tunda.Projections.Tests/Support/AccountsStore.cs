using System.Linq.Expressions;
using Marten;
using Tunda.Projections.Tests.Store;

namespace Tunda.Projections.Tests.Support;

/// <summary>Tunda's Marten store, read models included, in a schema of its own, dropped when the test ends.</summary>
internal sealed class AccountsStore : IAsyncDisposable
{
    private readonly MartenScope _scope;

    private AccountsStore(MartenScope scope) => _scope = scope;

    public DocumentStore Store => _scope.Store;

    public string Schema => _scope.Schema;

    public static async Task<AccountsStore> CreateAsync(Action<StoreOptions>? configure = null) =>
        new(await MartenScope.CreateAsync(configure));

    /// <summary>Appends in a session of its own, as a handler would: inline projections write in the same transaction.</summary>
    public async Task AppendAsync(Guid streamId, params object[] events)
    {
        await using var session = Store.LightweightSession();
        session.Events.Append(streamId, events);
        await session.SaveChangesAsync();
    }

    public async Task<T> ReadAsync<T>(Func<IQuerySession, Task<T>> query)
    {
        await using var session = Store.QuerySession();
        return await query(session);
    }

    /// <summary>Every document of <typeparamref name="T"/> as stored (a JSON array, by id): for comparing whole read models.</summary>
    public async Task<string> SnapshotAsync<T>(Expression<Func<T, Guid>> id)
        where T : notnull
    {
        await using var session = Store.QuerySession();
        return await session.Query<T>().OrderBy(id).ToJsonArray();
    }

    /// <summary>The daemon's rebuild: the projection's documents are deleted and every stored event replayed through it.</summary>
    public async Task RebuildAsync(string projectionName)
    {
        using var daemon = await Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(projectionName, TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
