using Tunda.Bench;
using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using Tunda.Benchmarks.Projections;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// Commit-to-projected latency of the async daemon with Tunda's settings: paced writers append at a
/// steady rate while the daemon runs one async single-stream projection. Each append's commit time
/// (SaveChangesAsync returned) is matched with the first projection batch whose transaction committed
/// with its last event in it (seen by an async listener after the batch's commit).
/// </summary>
internal static class DaemonLag
{
    public const string Title = "2. Async daemon lag (commit → projected)";
    public const double GoalMs = 250;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var table = new MarkdownTable(
            "writers × events per append", "notify on appends", "appends/s asked", "events/s achieved", "appends measured", "p50 ms", "p90 ms", "**p99 ms**", "max ms", "daemon batches", "documents per batch", "load average before / after");
        var p99s = new List<(LagWriters Shape, double P99, bool RateHeld)>();
        string? settingsText = null;

        // Ten events per append first: the goal's shape. Then two per append, five times the appends: on this
        // machine, with other work running, appends that notify commit one at a time (section 1) and may not keep up.
        // Last, the goal's shape without the notification: the daemon then finds appends by polling alone.
        foreach (var (shape, notify) in new[] { (new LagWriters(16, 10, 50), true), (new LagWriters(32, 2, 25), true), (new LagWriters(16, 10, 50), false) })
        {
            var batches = new BatchCommits();
            await using var bench = await BenchStore.CreateAsync(connectionString, o =>
            {
                o.Events.UseListenNotifyForEventAppends = notify;
                o.Projections.Add(new LineTotalsProjection(), ProjectionLifecycle.Async);
                o.Projections.AsyncListeners.Add(batches);
            }, cancellationToken);
            var streams = await shape.StartStreamsAsync(bench.Store, cancellationToken);
            using var daemon = await bench.Store.BuildProjectionDaemonAsync(logger: ConsoleWarnings.Instance);
            await daemon.StartAllAsync();

            var loadBefore = BenchEnvironment.LoadAverage();
            var started = Stopwatch.GetTimestamp();
            var measureFrom = started + (long)(settings.LagWarmup.TotalSeconds * Stopwatch.Frequency);
            var achieved = await shape.WriteAsync(bench.Store, streams, settings.LagEventsPerSecond, settings.LagWarmup + settings.LagDuration, started, cancellationToken);
            await WaitForProgressAsync(bench.Store, shape.Commits.Max(c => c.Sequence), cancellationToken);
            await daemon.StopAllAsync();

            var measured = shape.Commits.Where(c => c.Ticks >= measureFrom).OrderBy(c => c.Sequence).ToArray();
            var lags = Latencies(measured, [.. batches.Committed]);
            var p99 = Stats.Percentile(lags, 99);
            p99s.Add((shape, p99, achieved >= 0.95 * settings.LagEventsPerSecond));
            Console.WriteLine($"lag {shape.Writers} x {shape.EventsPerAppend}, notify {notify}: {achieved:N0} events/s, p50 {Stats.Percentile(lags, 50):0.0} ms, p99 {p99:0.0} ms");
            table.Add(
                $"{shape.Writers} × {shape.EventsPerAppend}", notify ? "yes (Tunda's)" : "**no**", Stats.Whole(settings.LagEventsPerSecond / shape.EventsPerAppend), Stats.Whole(achieved), Stats.Whole(lags.Length),
                Stats.Short(Stats.Percentile(lags, 50)), Stats.Short(Stats.Percentile(lags, 90)), $"**{Stats.Short(p99)}**", Stats.Short(lags.Length == 0 ? double.NaN : lags[^1]),
                Stats.Whole(batches.Count), Stats.Short((double)batches.Events / Math.Max(1, batches.Count)), $"{loadBefore} / {BenchEnvironment.LoadAverage()}");
            var options = bench.Store.Options;
            settingsText ??= $"""
                `UseListenNotifyForEventAppends` = {options.Events.UseListenNotifyForEventAppends} (switched off in the last row only), `SlowPollingTime` = {options.Projections.SlowPollingTime.TotalMilliseconds:0} ms,
                `FastPollingTime` = {options.Projections.FastPollingTime.TotalMilliseconds:0} ms, `UseTransactionEvidenceForGapSkipping` = {options.Projections.UseTransactionEvidenceForGapSkipping}; hash chain {(bench.ChainInstalled ? "on" : "off")}
                """;
        }

        var goal = p99s[0];
        report.AddSection(Title, $"""
            Paced writers, each cycling over streams of its own (started beforehand) with the exact expected version, {settings.LagEventsPerSecond:N0} events/s
            in all, {settings.LagWarmup.TotalSeconds:0} s warm-up then {settings.LagDuration.TotalSeconds:0} s measured; a writer that falls behind catches up without pausing.
            The daemon (`BuildProjectionDaemonAsync` + `StartAllAsync`, in the writers' process, a fresh schema per row) runs one async
            `SingleStreamProjection` (one document per stream) with Tunda's settings: {settingsText}.
            Lag = from `SaveChangesAsync` returning to the commit of the first daemon batch that holds the append's last event (seen by an
            `AsyncListeners` entry's `AfterCommitAsync`, so no polling load on the server).

            Goal p99 < {GoalMs:0} ms at {goal.Shape.Writers} × {goal.Shape.EventsPerAppend}: **{Stats.Short(goal.P99)} ms, {(goal.P99 < GoalMs ? "met" : "not met")}**{(goal.RateHeld ? string.Empty : " (the rate did not hold)")}.
            """, table);
    }

    private static async Task WaitForProgressAsync(IDocumentStore store, long sequence, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (await store.Advanced.ProjectionProgressFor(new ShardName(LineTotalsProjection.ProjectionName), token: cancellationToken) < sequence)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The projection did not reach sequence {sequence} within 60 s of the last append.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>
    /// For each commit (ascending sequence), the time until the first batch commit at or past its
    /// sequence. Batch commits are in time order with rising sequences, so one pass does.
    /// </summary>
    private static double[] Latencies((long Sequence, long Ticks)[] commits, List<(long Ticks, long Sequence)> batches)
    {
        var latencies = new List<double>(commits.Length);
        var b = 0;
        foreach (var (sequence, committed) in commits)
        {
            while (b < batches.Count && batches[b].Sequence < sequence)
            {
                b++;
            }

            if (b == batches.Count)
            {
                break;
            }

            latencies.Add(Math.Max(0, batches[b].Ticks - committed) * 1000.0 / Stopwatch.Frequency);
        }

        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
