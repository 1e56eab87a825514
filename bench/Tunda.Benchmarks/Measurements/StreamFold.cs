using System.Diagnostics;
using Tunda.Benchmarks.Results;
using Tunda.EventStore;

namespace Tunda.Benchmarks.Measurements;

/// <summary>Time to load and fold one long stream with AggregateStreamAsync (read, deserialize, evolve).</summary>
internal static class StreamFold
{
    public const string Title = "4. Load and fold one stream";
    private const int EventsPerAppend = 100;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        await using var bench = await BenchStore.CreateAsync(connectionString, null, cancellationToken);
        var store = bench.Store;
        var stream = Guid.NewGuid();
        for (var version = 0; version < settings.FoldEvents; version += EventsPerAppend)
        {
            await using var session = store.OpenSession(Workload.Metadata);
            var count = Math.Min(EventsPerAppend, settings.FoldEvents - version);
            session.Append(stream, Workload.StreamType, ExpectedVersion.Exactly(version), Workload.Events(stream, version + 1, count));
            await session.SaveChangesAsync(cancellationToken);
        }

        // One unmeasured run first: JIT, pool, and the stream's pages into shared buffers.
        var timings = new List<double>();
        for (var run = -1; run < settings.FoldRuns; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var state = await store.AggregateStreamAsync(stream, LineTotals.Empty, (s, e) => s.Apply(e), cancellationToken: cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (state.Lines != settings.FoldEvents)
            {
                throw new InvalidOperationException($"Folded {state.Lines} events, expected {settings.FoldEvents}.");
            }

            if (run >= 0)
            {
                timings.Add(elapsed);
            }
        }

        var median = Stats.Median(timings);
        Console.WriteLine($"fold: {settings.FoldEvents:N0} events, median {median:0.0} ms");
        var table = new MarkdownTable("stream length", "runs", "median ms", "min ms", "max ms", "events/s (median)");
        table.Add(Stats.Whole(settings.FoldEvents), $"{timings.Count}", Stats.Short(median), Stats.Short(timings.Min()), Stats.Short(timings.Max()), Stats.Whole(settings.FoldEvents / median * 1000));
        report.AddSection(Title, """
            `AggregateStreamAsync` over one stream written in appends of 100 events, from a pooled connection, after one
            unmeasured run (so the stream is in shared buffers). Includes the query, jsonb → text, JSON deserialization of
            payload and metadata per event, and a trivial evolve.
            """, table);
    }
}
