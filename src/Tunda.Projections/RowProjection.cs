using Dapper;
using Tunda.EventStore;
using Tunda.EventStore.Projections;

namespace Tunda.Projections;

/// <summary>
/// A projection that keeps one table by running a statement per event, in sequence order, inside
/// the unit of work's transaction. Suited to inline account views: few events per append.
/// </summary>
public abstract class RowProjection : IProjection
{
    public abstract string Name { get; }

    /// <summary>The table (in the store's schema) that <see cref="ResetAsync"/> empties.</summary>
    protected abstract string Table { get; }

    /// <summary>CREATE TABLE/INDEX IF NOT EXISTS statements; "{schema}" is replaced by the store's schema.</summary>
    protected abstract string CreateSql { get; }

    public async Task EnsureStorageAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        await ExecuteAsync(context, CreateSql, null, cancellationToken);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await ApplyAsync(context, e, cancellationToken);
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        await ExecuteAsync(context, $"DELETE FROM {{schema}}.{Table}", null, cancellationToken);

    protected abstract Task ApplyAsync(ProjectionContext context, StreamEvent e, CancellationToken cancellationToken);

    protected static Task<int> ExecuteAsync(ProjectionContext context, string sql, object? parameters, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            sql.Replace("{schema}", context.Schema, StringComparison.Ordinal), parameters, context.Transaction, cancellationToken: cancellationToken));

    /// <summary>Timestamps are stored in UTC: Npgsql writes timestamptz only from UTC values.</summary>
    protected static DateTime Utc(DateTimeOffset moment) => moment.UtcDateTime;
}
