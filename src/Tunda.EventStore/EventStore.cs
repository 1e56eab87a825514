using Npgsql;
using Tunda.EventStore.Daemon;
using Tunda.EventStore.Projections;
using Tunda.EventStore.Schema;

namespace Tunda.EventStore;

/// <summary>
/// The event store: opens units of work that append events, reads streams (up to a version or a
/// moment), and tells the projection daemon when something was committed.
/// </summary>
public sealed class EventStore : IAsyncDisposable
{
    private readonly bool _ownsDataSource;
    private readonly PostCommitNotifier _notifier;

    public EventStore(EventStoreOptions options, NpgsqlDataSource? dataSource = null)
    {
        SchemaMigrator.ValidateSchemaName(options.Schema);
        Options = options;
        _ownsDataSource = dataSource is null;
        DataSource = dataSource ?? CreateDataSource(options.ConnectionString);
        Sql = new StoreSql(options.Schema);
        Reader = new EventReader(this);
        _notifier = new PostCommitNotifier(options.ConnectionString, Sql.NotifyChannel, options.NodeName, "tunda-notifier");
        Admin = new ProjectionAdmin(this);
    }

    public EventStoreOptions Options { get; }

    /// <summary>
    /// A data source tuned for the store: its statements are few and repeated, so they are prepared
    /// automatically, which also lets Npgsql reset pooled connections without discarding plans.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string applicationName = "tunda")
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.ApplicationName ??= applicationName;
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
    }

    public NpgsqlDataSource DataSource { get; }

    public string Schema => Options.Schema;

    /// <summary>Status, rebuild, resume and read-your-writes waits for projections.</summary>
    public ProjectionAdmin Admin { get; }

    internal StoreSql Sql { get; }

    internal EventReader Reader { get; }

    /// <summary>Raised in this process after a unit of work commits, with its highest sequence number.</summary>
    internal event Action<long>? Committed;

    /// <summary>Applies the store's migrations, then creates every projection's tables and checkpoints.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await SchemaMigrator.MigrateAsync(DataSource, Schema, cancellationToken);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SchemaMigrator.LockAsync(connection, Schema, cancellationToken);
        var context = new ProjectionContext(connection, transaction, Schema);
        var progress = new ProjectionProgress(Schema);
        foreach (var projection in Options.Projections.All)
        {
            await projection.EnsureStorageAsync(context, cancellationToken);
        }

        foreach (var projection in Options.Projections.Async)
        {
            await progress.EnsureAsync(connection, transaction, projection.Name, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A unit of work with its own connection and transaction, committed by SaveChangesAsync.</summary>
    public EventSession OpenSession(EventMetadata? metadata = null) => new(this, null, metadata ?? EventMetadata.SystemDefault);

    /// <summary>
    /// A unit of work inside the caller's transaction: SaveChangesAsync appends but does not commit.
    /// Call <see cref="NotifyCommitted"/> after committing so daemons wake at once.
    /// </summary>
    public EventSession OpenSession(NpgsqlTransaction transaction, EventMetadata? metadata = null) =>
        new(this, transaction, metadata ?? EventMetadata.SystemDefault);

    public Task<IReadOnlyList<StreamEvent>> FetchStreamAsync(Guid streamId, CancellationToken cancellationToken = default) =>
        Reader.FetchStreamAsync(streamId, StreamLimit.None, cancellationToken);

    /// <summary>The stream as it was at <paramref name="limit"/> (a version or a moment).</summary>
    public Task<IReadOnlyList<StreamEvent>> FetchStreamAsync(Guid streamId, StreamLimit limit, CancellationToken cancellationToken = default) =>
        Reader.FetchStreamAsync(streamId, limit, cancellationToken);

    /// <summary>
    /// Reads a stream inside the caller's transaction (a handler's unit of work), on its connection:
    /// no second pooled connection per command.
    /// </summary>
    public Task<IReadOnlyList<StreamEvent>> FetchStreamAsync(NpgsqlTransaction transaction, Guid streamId, StreamLimit? limit = null, CancellationToken cancellationToken = default) =>
        Reader.FetchStreamAsync(transaction.Connection!, transaction, streamId, limit ?? StreamLimit.None, cancellationToken);

    /// <summary>The highest committed sequence number visible now (0 for an empty store).</summary>
    public Task<long> LastSequenceAsync(CancellationToken cancellationToken = default) => Reader.LastSequenceAsync(cancellationToken);

    public Task<StreamInfo?> FetchStreamInfoAsync(Guid streamId, CancellationToken cancellationToken = default) =>
        Reader.FetchStreamInfoAsync(streamId, cancellationToken);

    /// <summary>Folds a stream (optionally only up to a version or moment) into a state.</summary>
    public async Task<T> AggregateStreamAsync<T>(
        Guid streamId,
        T initial,
        Func<T, object, T> evolve,
        StreamLimit? limit = null,
        CancellationToken cancellationToken = default)
    {
        var events = await Reader.FetchStreamAsync(streamId, limit ?? StreamLimit.None, cancellationToken);
        return events.Aggregate(initial, (state, e) => evolve(state, e.Data));
    }

    /// <summary>Wakes projection daemons after a commit made through an external transaction.</summary>
    public void NotifyCommitted(long lastSequence = 0)
    {
        Committed?.Invoke(lastSequence);
        _notifier.Signal();
    }

    public async ValueTask DisposeAsync()
    {
        await _notifier.DisposeAsync();
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync();
        }
    }
}
