using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Tunda.Benchmarks.Results;
using Tunda.EventStore;
using Tunda.EventStore.Daemon;
using Tunda.EventStore.Projections;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// Commit-to-projected latency: paced writers append at a steady rate while a daemon runs one
/// StreamStateProjection. Each append's commit time (when SaveChangesAsync returns) is matched
/// with the first moment its LastSequence was (a) applied by the projection, seen by a wrapper
/// around it, before the checkpoint transaction commits, and (b) visible in projection_progress,
/// seen by a poller reading the checkpoint about every millisecond: what a read-your-writes
/// wait would see.
/// </summary>
internal static class DaemonLag
{
    public const string Title = "2. Daemon lag (commit → projected)";
    private const int Writers = 8;
    private const int EventsPerAppend = 2;
    private const int StreamsPerWriter = 100;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var projection = new TimedProjection(new StreamStateProjection<LineTotals>(
            "bench_line_totals", "bench_line_totals", _ => LineTotals.Empty, (state, e) => state.Apply(e.Data)));
        await using var bench = await BenchStore.CreateAsync(
            connectionString, o => o.Projections.Add(projection, ProjectionLifecycle.Async), cancellationToken);
        await using var daemon = new ProjectionDaemon(bench.Store);
        await daemon.StartAsync(cancellationToken);

        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var visible = new List<(long Ticks, long Sequence)>();
        var poller = PollCheckpointAsync(bench, projection.Name, visible, stopPolling.Token);

        var commits = new ConcurrentBag<(long Sequence, long Ticks)>();
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var total = settings.Warmup + settings.LagDuration;
        var appendsPerWriter = (int)(total.TotalSeconds * settings.LagEventsPerSecond / EventsPerAppend / Writers);
        var interval = TimeSpan.FromSeconds((double)Writers * EventsPerAppend / settings.LagEventsPerSecond);
        var writers = Enumerable.Range(0, Writers)
            .Select(w => Task.Run(() => WriteAsync(bench.Store, w, appendsPerWriter, interval, started, commits, cancellationToken), CancellationToken.None));
        await Task.WhenAll(writers);
        var writing = Stopwatch.GetElapsedTime(started);

        var last = commits.Max(c => c.Sequence);
        await bench.Store.Admin.WaitForAsync(projection.Name, last, TimeSpan.FromSeconds(60), cancellationToken);
        await Task.Delay(50, cancellationToken);
        await stopPolling.CancelAsync();
        await poller;
        await daemon.StopAsync();

        var measured = commits.Where(c => c.Ticks >= measureFrom).OrderBy(c => c.Sequence).ToArray();
        var applied = Latencies(measured, projection.Applied.OrderBy(a => a.Ticks).ToList());
        var seen = Latencies(measured, visible);
        var table = new MarkdownTable("observed at", "appends", "p50 ms", "p99 ms", "max ms");
        table.Add("checkpoint committed (projection_progress poll)", Stats.Whole(seen.Length), Stats.Short(Stats.Percentile(seen, 50)), Stats.Short(Stats.Percentile(seen, 99)), Stats.Short(seen[^1]));
        table.Add("ApplyAsync returned (before checkpoint commit)", Stats.Whole(applied.Length), Stats.Short(Stats.Percentile(applied, 50)), Stats.Short(Stats.Percentile(applied, 99)), Stats.Short(applied[^1]));
        Console.WriteLine($"lag: p50 {Stats.Percentile(seen, 50):0.0} ms, p99 {Stats.Percentile(seen, 99):0.0} ms");

        var p99 = Stats.Percentile(seen, 99);
        report.AddSection(Title, $"""
            {Writers} paced writers, {EventsPerAppend} events per append, each to one of its {StreamsPerWriter} streams (StartStream first, then
            ExpectedVersion.Exactly), {settings.LagEventsPerSecond:N0} events/s target, {settings.LagDuration.TotalSeconds:0.#} s measured after
            {settings.Warmup.TotalSeconds:0.#} s warm-up; achieved {commits.Count * EventsPerAppend / writing.TotalSeconds:N0} events/s overall.
            ProjectionDaemon with default DaemonOptions, one `StreamStateProjection`, in the writers' process (woken by
            the in-process commit event). Commit time = when `SaveChangesAsync` returned; latency = first observation of
            a checkpoint (or applied batch) ≥ the append's `LastSequence`, minus commit time. The poll runs every ~1 ms,
            so the checkpoint row adds up to ~1 ms plus a round trip of observation error.
            The daemon applied {projection.Batches:N0} batches, {(double)projection.Events / Math.Max(1, projection.Batches):0.0} events per batch on average.

            Target: p99 < 1 s: **{p99:0} ms, {(p99 < 1000 ? "met" : "not met")}**.
            """, table);
    }

    private static async Task WriteAsync(
        Tunda.EventStore.EventStore store, int writer, int appends, TimeSpan interval, long started,
        ConcurrentBag<(long Sequence, long Ticks)> commits, CancellationToken cancellationToken)
    {
        var streams = Enumerable.Range(0, StreamsPerWriter).Select(_ => Guid.NewGuid()).ToArray();
        var versions = new long[StreamsPerWriter];

        // Writers start spread over one interval rather than all at once.
        var offset = interval * writer / Writers;
        for (var i = 0; i < appends; i++)
        {
            var due = offset + (interval * i) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var s = i % StreamsPerWriter;
            await using var session = store.OpenSession(Workload.Metadata);
            var expected = versions[s] == 0 ? ExpectedVersion.New : ExpectedVersion.Exactly(versions[s]);
            session.Append(streams[s], Workload.StreamType, expected, Workload.Events(streams[s], (int)versions[s] + 1, EventsPerAppend));
            var result = await session.SaveChangesAsync(cancellationToken);
            commits.Add((result.LastSequence, Stopwatch.GetTimestamp()));
            versions[s] = result.Versions[streams[s]];
        }
    }

    private static async Task PollCheckpointAsync(BenchStore bench, string name, List<(long Ticks, long Sequence)> seen, CancellationToken cancellationToken)
    {
        await using var connection = await bench.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT last_seq FROM {bench.Schema}.projection_progress WHERE name = $1", connection);
        command.Parameters.Add(new() { Value = name });
        await command.PrepareAsync(cancellationToken);
        var last = -1L;
        try
        {
            while (true)
            {
                var sequence = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                if (sequence != last)
                {
                    seen.Add((Stopwatch.GetTimestamp(), sequence));
                    last = sequence;
                }

                await Task.Delay(1, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// For each commit (ascending sequence), the time until the first observation at or past its
    /// sequence. Observations are in time order with non-decreasing sequences, so one pass does.
    /// </summary>
    private static double[] Latencies((long Sequence, long Ticks)[] commits, List<(long Ticks, long Sequence)> observations)
    {
        var latencies = new List<double>(commits.Length);
        var o = 0;
        foreach (var (sequence, committed) in commits)
        {
            while (o < observations.Count && observations[o].Sequence < sequence)
            {
                o++;
            }

            if (o == observations.Count)
            {
                break;
            }

            var ticks = Math.Max(0, observations[o].Ticks - committed);
            latencies.Add(ticks * 1000.0 / Stopwatch.Frequency);
        }

        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Records when each batch finished applying, with its highest sequence.</summary>
    private sealed class TimedProjection(IProjection inner) : IProjection
    {
        public ConcurrentQueue<(long Ticks, long Sequence)> Applied { get; } = new();

        public int Batches { get; private set; }

        public long Events { get; private set; }

        public string Name => inner.Name;

        public Task EnsureStorageAsync(ProjectionContext context, CancellationToken cancellationToken) =>
            inner.EnsureStorageAsync(context, cancellationToken);

        public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
            inner.ResetAsync(context, cancellationToken);

        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
        {
            await inner.ApplyAsync(context, events, cancellationToken);
            Applied.Enqueue((Stopwatch.GetTimestamp(), events[^1].Sequence));
            Batches++;
            Events += events.Count;
        }
    }
}
