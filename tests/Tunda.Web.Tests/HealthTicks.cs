using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Tunda.Web.Tests;

/// <summary>A test-only event: stored under Marten's default name, which is fine for a type no production stream holds.</summary>
public sealed record HealthTicked(int Number);

public sealed class HealthTicks
{
    public Guid Id { get; set; }

    public int Count { get; set; }
}

/// <summary>
/// An async projection registered only in the health tests' app (the app has none of its own yet),
/// throwing on <see cref="Poison"/>: a projection the daemon pauses, as one with a bug would be.
/// </summary>
public sealed class HealthTicksProjection : SingleStreamProjection<HealthTicks, Guid>
{
    public const string Shard = "health_ticks";
    public const int Poison = 13;

    public HealthTicksProjection() => Name = Shard;

    public override HealthTicks? Evolve(HealthTicks? snapshot, Guid id, IEvent e)
    {
        var ticks = snapshot ?? new HealthTicks { Id = id };
        if (e.Data is HealthTicked ticked)
        {
            ticks.Count = ticked.Number == Poison ? throw new InvalidOperationException($"tick {Poison} is poison") : ticks.Count + 1;
        }

        return ticks;
    }

    /// <summary>Registers the projection, run by the app's async daemon, in the app under test.</summary>
    public static void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.ConfigureMarten(options => options.Projections.Add(new HealthTicksProjection(), ProjectionLifecycle.Async)));

    /// <summary>Appends ticks to a new stream; returns the sequence of the last one.</summary>
    public static async Task<long> AppendAsync(IDocumentStore store, params int[] numbers)
    {
        await using var session = store.LightweightSession();
        var action = session.Events.StartStream(Guid.NewGuid(), [.. numbers.Select(n => (object)new HealthTicked(n))]);
        await session.SaveChangesAsync();
        return action.Events[^1].Sequence;
    }
}
