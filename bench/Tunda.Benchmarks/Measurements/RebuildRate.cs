using Tunda.Bench;
using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Tunda.Benchmarks.Projections;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// Rebuild speed of one async projection over a seeded event log: a single-stream projection (one
/// document per stream) and a multi-stream one (one document per account, ten streams each), each
/// rebuilt from scratch by <c>RebuildProjectionAsync</c> with the rebuild settings of ARCHITECTURE.md §1.
/// </summary>
internal static class RebuildRate
{
    public const string Title = "3. Rebuild rate";
    public const double Goal = 50_000;
    private const int EventsPerStream = RebuildSeed.EventsPerStream;
    private const int StreamsPerAccount = 10;

    /// <summary>Streams of the unmeasured first rebuild (JIT and the daemon's code paths warmed up).</summary>
    private const int WarmupStreams = 200;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var streams = Math.Max(1, settings.RebuildEvents / EventsPerStream);
        var accounts = Math.Max(1, streams / StreamsPerAccount);
        var events = streams * EventsPerStream;
        var warmupStreams = settings.Quick ? WarmupStreams / 4 : WarmupStreams;
        await using (var warmup = await CreateAsync(connectionString, warmupStreams, cancellationToken))
        {
            await RebuildSeed.SeedAsync(warmup, warmupStreams, warmupStreams / StreamsPerAccount, cancellationToken);
            await RebuildAsync(warmup, LineTotalsProjection.ProjectionName, settings.RebuildTimeout, cancellationToken);
            await RebuildAsync(warmup, AccountTotalsProjection.ProjectionName, settings.RebuildTimeout, cancellationToken);
        }

        await using var bench = await CreateAsync(connectionString, streams, cancellationToken);
        var loadBefore = BenchEnvironment.LoadAverage();
        var seedCpu = await CpuCounters.ReadAsync(bench.DataSource, cancellationToken);
        var seeding = Stopwatch.StartNew();
        await RebuildSeed.SeedAsync(bench, streams, accounts, cancellationToken);
        seeding.Stop();
        var seeded = (await CpuCounters.ReadAsync(bench.DataSource, cancellationToken)).Since(seedCpu);
        Console.WriteLine($"rebuild: seeded {events:N0} events in {seeding.Elapsed.TotalSeconds:0.0} s");

        var table = new MarkdownTable("projection", "documents", "events", "seconds", "**events/s**", "CPU µs/event client / server", "WAL MB (whole server)");
        table.Add($"seeding: `BulkInsertEventsAsync`, {RebuildSeed.StreamsPerBulkInsert:N0} streams × {EventsPerStream} events per call, 2 calls at a time", "–", Stats.Whole(events), Stats.Short(seeding.Elapsed.TotalSeconds), Stats.Whole(events / seeding.Elapsed.TotalSeconds), Cpu(seeded, events), "–");
        var rates = new List<(string Name, double Rate)>();
        foreach (var (name, kind, documents) in new[]
        {
            (LineTotalsProjection.ProjectionName, "single-stream (`SingleStreamProjection`, one document per stream)", streams),
            (AccountTotalsProjection.ProjectionName, $"multi-stream (`MultiStreamProjection`, one document per account of {StreamsPerAccount} streams)", accounts),
        })
        {
            var before = await ServerCounters.ReadAsync(bench.DataSource, cancellationToken);
            var cpuBefore = await CpuCounters.ReadAsync(bench.DataSource, cancellationToken);
            var elapsed = await RebuildAsync(bench, name, settings.RebuildTimeout, cancellationToken);
            var cpu = (await CpuCounters.ReadAsync(bench.DataSource, cancellationToken)).Since(cpuBefore);
            var wal = (await ServerCounters.ReadAsync(bench.DataSource, cancellationToken) - before).WalBytes;
            await CheckAsync(bench, name, documents, events, cancellationToken);
            var rate = events / elapsed.TotalSeconds;
            rates.Add((kind, rate));
            Console.WriteLine($"rebuild {name}: {rate:N0} events/s");
            table.Add(
                kind, Stats.Whole(documents), Stats.Whole(events), Stats.Short(elapsed.TotalSeconds), $"**{Stats.Whole(rate)}**",
                Cpu(cpu, events), Stats.Short(wal / 1e6));
        }

        var single = rates[0].Rate;
        report.AddSection(Title, $"""
            {events:N0} events in {streams:N0} streams of {EventsPerStream} ({accounts:N0} accounts), seeded with `BulkInsertEventsAsync` (COPY) with the
            chain's trigger disabled for the seeding (the rebuild reads events only; re-enabled afterwards), then `ANALYZE`d (a grown store has statistics; without them the page query sorts the whole remaining range on every page). Events carry Tunda's metadata
            (correlation, causation, headers). Each projection registered async with `BatchSize` 5,000, `MaximumHopperSize` 50,000,
            `RebuildFlushThreshold` {streams:N0} (≥ the aggregates a rebuild touches), and Tunda's `RebuildWithBulkCopy`; rebuilt by
            `RebuildProjectionAsync(name, {settings.RebuildTimeout.TotalMinutes:0} min, …)` on a daemon built for it, timed from the call to its return, then
            checked (document count, lines summed, progress at the last sequence). No writers during the rebuild; one unmeasured rebuild of
            each projection over {WarmupStreams * EventsPerStream:N0} events in another schema first (JIT and the daemon's first-use costs are not counted). *CPU µs/event*: this
            process and this run's server backends over the rebuild, per event: what the rebuild costs whatever the neighbours' load (load average
            before / after: {loadBefore} / {BenchEnvironment.LoadAverage()}, 2 cores).

            Goal ≥ {Goal:N0} events/s (single-stream): **{single:N0}, {(single >= Goal ? "met" : "not met")}**.
            """, table);
    }

    private static string Cpu(CpuUsage cpu, int events) =>
        $"{Stats.Short(cpu.Client.TotalMicroseconds / events)} / {Stats.Short((cpu.Server?.TotalMicroseconds ?? double.NaN) / events)}";

    private static Task<BenchStore> CreateAsync(string connectionString, int streams, CancellationToken cancellationToken)
    {
        // Deferred writes hold every aggregate touched in memory and flush once: the threshold must cover them all.
        void Rebuild(AsyncOptions o)
        {
            o.BatchSize = 5_000;
            o.MaximumHopperSize = 50_000;
            o.RebuildFlushThreshold = streams;
        }

        return BenchStore.CreateAsync(connectionString, o =>
        {
            o.Projections.Add(new LineTotalsProjection(), ProjectionLifecycle.Async, asyncConfiguration: Rebuild);
            o.Projections.Add(new AccountTotalsProjection(), ProjectionLifecycle.Async, asyncConfiguration: Rebuild);
        }, cancellationToken);
    }

    private static async Task<TimeSpan> RebuildAsync(BenchStore bench, string projection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var daemon = await bench.Store.BuildProjectionDaemonAsync(logger: ConsoleWarnings.Instance);
        var clock = Stopwatch.StartNew();
        await daemon.RebuildProjectionAsync(projection, timeout, cancellationToken);
        return clock.Elapsed;
    }

    private static async Task CheckAsync(BenchStore bench, string projection, int documents, int events, CancellationToken cancellationToken)
    {
        await using var session = bench.Store.QuerySession();
        var (count, lines) = projection == LineTotalsProjection.ProjectionName
            ? (await session.Query<LineTotals>().CountAsync(cancellationToken), await session.Query<LineTotals>().SumAsync(x => x.Lines, cancellationToken))
            : (await session.Query<AccountTotals>().CountAsync(cancellationToken), await session.Query<AccountTotals>().SumAsync(x => x.Lines, cancellationToken));
        var progress = await bench.Store.Advanced.ProjectionProgressFor(new ShardName(projection), token: cancellationToken);
        var last = await bench.ScalarAsync<long>("SELECT max(seq_id) FROM {schema}.mt_events", cancellationToken);
        if (count != documents || lines != events || progress < last)
        {
            throw new InvalidOperationException($"{projection} rebuilt {count:N0} documents with {lines:N0} lines, progress {progress:N0} of {last:N0}; expected {documents:N0} documents with {events:N0} lines.");
        }
    }
}
