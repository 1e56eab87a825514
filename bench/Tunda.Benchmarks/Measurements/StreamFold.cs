using System.Diagnostics;
using Marten;
using Tunda.Benchmarks.Results;
using Tunda.Domain.Customers;

namespace Tunda.Benchmarks.Measurements;

/// <summary>Time to load and fold one long Customer stream, as an auditor's view and as a handler's write path do.</summary>
internal static class StreamFold
{
    public const string Title = "4. Load and fold one stream";
    private const int EventsPerAppend = 500;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        await using var bench = await BenchStore.CreateAsync(connectionString, null, cancellationToken);
        var customer = Guid.CreateVersion7();
        for (var version = 0; version < settings.FoldEvents; version += EventsPerAppend)
        {
            await using var session = Workload.OpenSession(bench.Store);
            var events = Enumerable.Range(version, Math.Min(EventsPerAppend, settings.FoldEvents - version)).Select(i => CustomerHistory.Event(customer, i)).ToArray();
            if (version == 0)
            {
                session.Events.StartStream<Customer>(customer, events);
            }
            else
            {
                session.Events.Append(customer, version + events.Length, events);
            }

            await session.SaveChangesAsync(cancellationToken);
        }

        var table = new MarkdownTable("call", "stream length", "runs", "median ms", "min ms", "max ms", "events/s (median)");
        var expected = settings.FoldEvents;
        foreach (var (name, fold) in new (string, Func<Task<bool>>)[]
        {
            ("`Events.AggregateStreamAsync<Customer>(id)` (query session)", () => AggregateAsync(bench.Store, customer, cancellationToken)),
            ("`Events.FetchForWriting<Customer>(id)` (lightweight session, nothing saved)", () => FetchForWritingAsync(bench.Store, customer, expected, cancellationToken)),
        })
        {
            var timings = new List<double>();
            for (var run = -1; run < settings.FoldRuns; run++)
            {
                var started = Stopwatch.GetTimestamp();
                var folded = await fold();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!folded)
                {
                    throw new InvalidOperationException($"{name} did not fold the {expected:N0} events to a registered customer.");
                }

                // The first run is not kept: JIT, and the stream's pages into shared buffers.
                if (run >= 0)
                {
                    timings.Add(elapsed);
                }
            }

            var median = Stats.Median(timings);
            Console.WriteLine($"fold {name}: median {median:0.0} ms");
            table.Add(name, Stats.Whole(settings.FoldEvents), $"{timings.Count}", Stats.Short(median), Stats.Short(timings.Min()), Stats.Short(timings.Max()), Stats.Whole(settings.FoldEvents / median * 1000));
        }

        report.AddSection(Title, $"""
            One Customer stream of {settings.FoldEvents:N0} of the domain's own events (registration, then detail changes and contacts invited,
            activated, changed, blocked, unblocked and deleted; about a thousand contacts at the end), written in appends of {EventsPerAppend},
            folded by Tunda's `DomainAggregate<Customer>` (the domain's own `Customer.Evolve`, registered Live by `TundaStore.Configure`).
            Each call after one unmeasured one; includes the query, JSON deserialization of every event and its metadata, and the fold.
            """, table);
    }

    private static async Task<bool> AggregateAsync(IDocumentStore store, Guid customer, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var state = await session.Events.AggregateStreamAsync<Customer>(customer, token: cancellationToken);
        return state is { IsRegistered: true };
    }

    private static async Task<bool> FetchForWritingAsync(IDocumentStore store, Guid customer, int expected, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Customer>(customer, cancellationToken);
        return stream.Aggregate is { IsRegistered: true } && stream.CurrentVersion == expected;
    }
}
