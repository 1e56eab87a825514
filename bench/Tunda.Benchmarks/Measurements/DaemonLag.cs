using System.Collections.Concurrent;
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
    private const int Writers = 8;
    private const int EventsPerAppend = 2;
    private const int StreamsPerWriter = 100;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var batches = new BatchCommits();
        await using var bench = await BenchStore.CreateAsync(connectionString, o =>
        {
            o.Projections.Add(new LineTotalsProjection(), ProjectionLifecycle.Async);
            o.Projections.AsyncListeners.Add(batches);
        }, cancellationToken);
        var streams = await StartStreamsAsync(bench.Store, cancellationToken);

        using var daemon = await bench.Store.BuildProjectionDaemonAsync(logger: ConsoleWarnings.Instance);
        await daemon.StartAllAsync();

        var loadBefore = ResultsReport.LoadAverage();
        var commits = new ConcurrentQueue<(long Sequence, long Ticks)>();
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(settings.LagWarmup.TotalSeconds * Stopwatch.Frequency);
        var total = settings.LagWarmup + settings.LagDuration;
        var appendsPerWriter = (int)(total.TotalSeconds * settings.LagEventsPerSecond / EventsPerAppend / Writers);
        var interval = TimeSpan.FromSeconds((double)Writers * EventsPerAppend / settings.LagEventsPerSecond);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(
            () => WriteAsync(bench.Store, streams[w], appendsPerWriter, interval * w / Writers, interval, started, commits, cancellationToken), CancellationToken.None)));
        var writing = Stopwatch.GetElapsedTime(started);

        var last = commits.Max(c => c.Sequence);
        await WaitForProgressAsync(bench.Store, last, cancellationToken);
        await daemon.StopAllAsync();

        var measured = commits.Where(c => c.Ticks >= measureFrom).OrderBy(c => c.Sequence).ToArray();
        var lags = Latencies(measured, [.. batches.Committed]);
        var (p50, p99) = (Stats.Percentile(lags, 50), Stats.Percentile(lags, 99));
        Console.WriteLine($"lag: p50 {p50:0.0} ms, p99 {p99:0.0} ms over {lags.Length:N0} appends");

        var table = new MarkdownTable("appends measured", "events/s achieved", "p50 ms", "p90 ms", "**p99 ms**", "max ms", "daemon batches", "documents per batch");
        table.Add(
            Stats.Whole(lags.Length), Stats.Whole(commits.Count * EventsPerAppend / writing.TotalSeconds),
            Stats.Short(p50), Stats.Short(Stats.Percentile(lags, 90)), $"**{Stats.Short(p99)}**", Stats.Short(lags.Length == 0 ? double.NaN : lags[^1]),
            Stats.Whole(batches.Count), Stats.Short((double)batches.Events / Math.Max(1, batches.Count)));
        var options = bench.Store.Options;
        report.AddSection(Title, $"""
            {Writers} paced writers, {EventsPerAppend} events per append, each cycling over {StreamsPerWriter} streams of its own (started beforehand) with
            the exact expected version; {settings.LagEventsPerSecond:N0} events/s in all, {settings.LagWarmup.TotalSeconds:0} s warm-up then {settings.LagDuration.TotalSeconds:0} s measured.
            The daemon (`BuildProjectionDaemonAsync` + `StartAllAsync`, in the writers' process) runs one async
            `SingleStreamProjection` (one document per stream) with Tunda's settings: `UseListenNotifyForEventAppends` =
            {options.Events.UseListenNotifyForEventAppends}, `SlowPollingTime` = {options.Projections.SlowPollingTime.TotalMilliseconds:0} ms, `FastPollingTime` =
            {options.Projections.FastPollingTime.TotalMilliseconds:0} ms, `UseTransactionEvidenceForGapSkipping` = {options.Projections.UseTransactionEvidenceForGapSkipping}; hash chain
            {(bench.ChainInstalled ? "on" : "off")}. Lag = from `SaveChangesAsync` returning to the commit of the first daemon batch that holds the
            append's last event (an `AsyncListeners` entry's `AfterCommitAsync`, so no polling load on the server). Load average
            before / after: {loadBefore} / {ResultsReport.LoadAverage()} (2 cores).

            Goal p99 < {GoalMs:0} ms: **{Stats.Short(p99)} ms, {(p99 < GoalMs ? "met" : "not met")}**.
            """, table);
    }

    private static async Task<Guid[][]> StartStreamsAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        var streams = Enumerable.Range(0, Writers).Select(_ => Enumerable.Range(0, StreamsPerWriter).Select(_ => Guid.CreateVersion7()).ToArray()).ToArray();
        await using var session = Workload.OpenSession(store);
        foreach (var stream in streams.SelectMany(s => s))
        {
            session.Events.StartStream(stream, Workload.Event(stream, 1));
        }

        await session.SaveChangesAsync(cancellationToken);
        return streams;
    }

    private static async Task WriteAsync(
        IDocumentStore store, Guid[] streams, int appends, TimeSpan offset, TimeSpan interval, long started,
        ConcurrentQueue<(long Sequence, long Ticks)> commits, CancellationToken cancellationToken)
    {
        var versions = Enumerable.Repeat(1L, streams.Length).ToArray();
        for (var i = 0; i < appends; i++)
        {
            var due = offset + (interval * i) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var s = i % streams.Length;
            await using var session = Workload.OpenSession(store);
            var action = session.Events.Append(streams[s], versions[s] + EventsPerAppend, Workload.Events(streams[s], (int)versions[s] + 1, EventsPerAppend));
            await session.SaveChangesAsync(cancellationToken);
            commits.Enqueue((action.Events[^1].Sequence, Stopwatch.GetTimestamp()));
            versions[s] += EventsPerAppend;
        }
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
