using System.Diagnostics;
using Tunda.Benchmarks.Results;
using Tunda.EventStore.Daemon;
using Tunda.EventStore.Projections;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// Replay speed of the daemon: load N events through the store (appends of 100 events, one new
/// stream each, parallel writers), start a daemon and time its first catch-up from zero, then
/// call RebuildAsync and time until the checkpoint is back at max(seq).
/// </summary>
internal static class RebuildRate
{
    public const string Title = "3. Rebuild rate";
    private const string ProjectionName = "bench_rebuild_totals";
    private const int EventsPerAppend = 100;
    private const int LoadWriters = 8;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var projection = new StreamStateProjection<LineTotals>(
            ProjectionName, "bench_rebuild_totals", _ => LineTotals.Empty, (state, e) => state.Apply(e.Data));
        await using var bench = await BenchStore.CreateAsync(
            connectionString, o => o.Projections.Add(projection, ProjectionLifecycle.Async), cancellationToken);

        var load = Stopwatch.StartNew();
        await LoadAsync(bench, settings.RebuildEvents, cancellationToken);
        load.Stop();
        var max = await bench.MaxSequenceAsync(cancellationToken);
        var streams = (settings.RebuildEvents + EventsPerAppend - 1) / EventsPerAppend;
        Console.WriteLine($"rebuild: loaded {settings.RebuildEvents:N0} events in {load.Elapsed.TotalSeconds:0.0} s");

        await using var daemon = new ProjectionDaemon(bench.Store);
        var catchUp = Stopwatch.StartNew();
        await daemon.StartAsync(cancellationToken);
        await WaitForCheckpointAsync(bench, max, cancellationToken);
        catchUp.Stop();
        Console.WriteLine($"rebuild: first catch-up {settings.RebuildEvents / catchUp.Elapsed.TotalSeconds:N0} events/s");

        var rebuild = Stopwatch.StartNew();
        await bench.Store.Admin.RebuildAsync(ProjectionName, cancellationToken);
        await WaitForCheckpointAsync(bench, max, cancellationToken);
        rebuild.Stop();
        await daemon.StopAsync();
        var rate = settings.RebuildEvents / rebuild.Elapsed.TotalSeconds;
        Console.WriteLine($"rebuild: {rate:N0} events/s");

        var table = new MarkdownTable("phase", "events", "seconds", "events/s");
        table.Add($"load: {LoadWriters} writers × StartStream of {EventsPerAppend} events ({streams:N0} streams)", Stats.Whole(settings.RebuildEvents), Stats.Short(load.Elapsed.TotalSeconds), Stats.Whole(settings.RebuildEvents / load.Elapsed.TotalSeconds));
        table.Add("daemon start → first catch-up to max(seq)", Stats.Whole(settings.RebuildEvents), Stats.Short(catchUp.Elapsed.TotalSeconds), Stats.Whole(settings.RebuildEvents / catchUp.Elapsed.TotalSeconds));
        table.Add("**`Admin.RebuildAsync` → checkpoint at max(seq)**", Stats.Whole(settings.RebuildEvents), Stats.Short(rebuild.Elapsed.TotalSeconds), $"**{Stats.Whole(rate)}**");
        report.AddSection(Title, $"""
            One `StreamStateProjection` (one jsonb row per stream), ProjectionDaemon with default DaemonOptions
            (batch {new DaemonOptions().BatchSize:N0} events), running in this process with no concurrent writers. Progress is
            polled every 10 ms. The rebuild time includes the TRUNCATE and checkpoint reset.

            Target: ≥ 20,000 events/s: **{rate:N0}, {(rate >= 20_000 ? "met" : "not met")}**.
            """, table);
    }

    private static async Task LoadAsync(BenchStore bench, int events, CancellationToken cancellationToken)
    {
        var appends = (events + EventsPerAppend - 1) / EventsPerAppend;
        var next = -1;
        async Task Writer()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < appends)
            {
                var count = Math.Min(EventsPerAppend, events - (i * EventsPerAppend));
                var stream = Guid.NewGuid();
                await using var session = bench.Store.OpenSession(Workload.Metadata);
                session.StartStream(stream, Workload.StreamType, Workload.Events(stream, 1, count));
                await session.SaveChangesAsync(cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, LoadWriters).Select(_ => Task.Run(Writer, cancellationToken)));
    }

    private static async Task WaitForCheckpointAsync(BenchStore bench, long target, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(Math.Max(120, target / 1000.0));
        while (true)
        {
            var state = await bench.Store.Admin.StatusAsync(ProjectionName, cancellationToken);
            if (state.LastSequence >= target)
            {
                return;
            }

            if (state.IsPaused)
            {
                throw new ProjectionPausedException(state);
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"The projection reached {state.LastSequence:N0} of {target:N0} in {limit}.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
