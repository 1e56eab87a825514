using Npgsql;

namespace Tunda.EventStore.Projections;

/// <summary>
/// Builds a read model from events. Inline projections run inside the append transaction; async
/// ones run in the daemon, which writes their rows and the checkpoint in one transaction.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name: the checkpoint key and part of the advisory-lock key.</summary>
    string Name { get; }

    /// <summary>Creates the read model's tables if missing (idempotent).</summary>
    Task EnsureStorageAsync(ProjectionContext context, CancellationToken cancellationToken);

    /// <summary>Applies events (in sequence order). Throwing rolls back the whole batch.</summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken);

    /// <summary>Removes every row the projection wrote, before a rebuild.</summary>
    Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken);
}

/// <summary>
/// The connection a projection writes through, inside the unit of work's transaction (whose object
/// is null when the store opened the transaction itself with a pipelined BEGIN), and the schema.
/// </summary>
public sealed record ProjectionContext(NpgsqlConnection Connection, NpgsqlTransaction? Transaction, string Schema)
{
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);
}

public enum ProjectionLifecycle
{
    /// <summary>In the append transaction: the writer reads its own writes.</summary>
    Inline,

    /// <summary>In the daemon, after commit: for cross-stream and expensive views.</summary>
    Async,
}

/// <summary>Every projection and how it runs, declared in one place.</summary>
public sealed class ProjectionRegistry
{
    private readonly List<IProjection> _inline = [];
    private readonly List<IProjection> _async = [];

    public IReadOnlyList<IProjection> Inline => _inline;

    public IReadOnlyList<IProjection> Async => _async;

    public IEnumerable<IProjection> All => _inline.Concat(_async);

    public ProjectionRegistry Add(IProjection projection, ProjectionLifecycle lifecycle)
    {
        if (All.Any(p => p.Name == projection.Name))
        {
            throw new InvalidOperationException($"A projection named '{projection.Name}' is already registered.");
        }

        (lifecycle == ProjectionLifecycle.Inline ? _inline : _async).Add(projection);
        return this;
    }

    public IProjection Get(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"No projection named '{name}'.");
}
