using Tunda.EventStore.Projections;

namespace Tunda.EventStore.Tests.Support;

/// <summary>Writes one row per applied event, so a test can see an event applied twice or never.</summary>
internal sealed class AppliedLog(string name = "applied_log") : IProjection
{
    public string Name { get; } = name;

    public async Task EnsureStorageAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"CREATE TABLE IF NOT EXISTS {context.Schema}.{Name} (seq bigint NOT NULL, applied_by text NOT NULL)");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"INSERT INTO {context.Schema}.{Name} (seq, applied_by) SELECT s, current_setting('application_name') FROM unnest($1::bigint[]) s");
        command.Parameters.Add(new() { Value = events.Select(e => e.Sequence).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"TRUNCATE {context.Schema}.{Name}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
