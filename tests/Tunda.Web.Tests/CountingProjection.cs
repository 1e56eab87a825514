using Tunda.EventStore;
using Tunda.EventStore.Projections;
using Tunda.Web.Configuration;

namespace Tunda.Web.Tests;

public sealed record ThingHappened(string What);

/// <summary>Counts events per type; throws on a chosen payload to exercise a paused projection.</summary>
internal sealed class CountingProjection(string name, string? failOn = null) : IProjection
{
    public string Name { get; } = name;

    public static EventStoreModule Module(string name, string? failOn = null) => new(options =>
    {
        options.Events.Register<ThingHappened>("thing_happened");
        options.Projections.Add(new CountingProjection(name, failOn), ProjectionLifecycle.Async);
    });

    public async Task EnsureStorageAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"CREATE TABLE IF NOT EXISTS {context.Schema}.{Name} (type text PRIMARY KEY, count bigint NOT NULL)");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        if (events.Any(e => e.Data is ThingHappened t && t.What == failOn))
        {
            throw new InvalidOperationException($"{failOn} cannot be counted");
        }

        await using var command = context.Command($"""
            INSERT INTO {context.Schema}.{Name} (type, count) SELECT t, count(*) FROM unnest($1::text[]) t GROUP BY t
            ON CONFLICT (type) DO UPDATE SET count = {Name}.count + excluded.count
            """);
        command.Parameters.Add(new() { Value = events.Select(e => e.Type).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Command($"TRUNCATE {context.Schema}.{Name}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
