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
    private const int EventsPerStream = 100;
    private const int StreamsPerAccount = 10;
    private const int StreamsPerBulkInsert = 1_000;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var streams = Math.Max(1, settings.RebuildEvents / EventsPerStream);
        var accounts = Math.Max(1, streams / StreamsPerAccount);
        var events = streams * EventsPerStream;

        // Deferred writes hold every aggregate touched in memory and flush once: the threshold must cover them all.
        void Rebuild(AsyncOptions o)
        {
            o.BatchSize = 5_000;
            o.MaximumHopperSize = 50_000;
            o.RebuildFlushThreshold = streams;
        }

        await using var bench = await BenchStore.CreateAsync(connectionString, o =>
        {
            o.Projections.Add(new LineTotalsProjection(), ProjectionLifecycle.Async, asyncConfiguration: Rebuild);
            o.Projections.Add(new AccountTotalsProjection(), ProjectionLifecycle.Async, asyncConfiguration: Rebuild);
        }, cancellationToken);

        var seeding = Stopwatch.StartNew();
        await SeedAsync(bench, streams, accounts, cancellationToken);
        seeding.Stop();
        Console.WriteLine($"rebuild: seeded {events:N0} events in {seeding.Elapsed.TotalSeconds:0.0} s");

        var table = new MarkdownTable("projection", "documents", "events", "seconds", "**events/s**", "WAL MB (whole server)");
        table.Add($"seeding: `BulkInsertEventsAsync`, {StreamsPerBulkInsert:N0} streams × {EventsPerStream} events per call", "–", Stats.Whole(events), Stats.Short(seeding.Elapsed.TotalSeconds), Stats.Whole(events / seeding.Elapsed.TotalSeconds), "–");
        var rates = new List<(string Name, double Rate)>();
        foreach (var (name, kind, documents) in new[]
        {
            (LineTotalsProjection.ProjectionName, "single-stream (`SingleStreamProjection`, one document per stream)", streams),
            (AccountTotalsProjection.ProjectionName, $"multi-stream (`MultiStreamProjection`, one document per account of {StreamsPerAccount} streams)", accounts),
        })
        {
            var before = await ServerCounters.ReadAsync(bench.DataSource, cancellationToken);
            var elapsed = await RebuildAsync(bench, name, settings.RebuildTimeout, cancellationToken);
            var wal = (await ServerCounters.ReadAsync(bench.DataSource, cancellationToken) - before).WalBytes;
            await CheckAsync(bench, name, documents, events, cancellationToken);
            var rate = events / elapsed.TotalSeconds;
            rates.Add((kind, rate));
            Console.WriteLine($"rebuild {name}: {rate:N0} events/s");
            table.Add(kind, Stats.Whole(documents), Stats.Whole(events), Stats.Short(elapsed.TotalSeconds), $"**{Stats.Whole(rate)}**", Stats.Short(wal / 1e6));
        }

        var single = rates[0].Rate;
        report.AddSection(Title, $"""
            {events:N0} events in {streams:N0} streams of {EventsPerStream} ({accounts:N0} accounts), seeded with `BulkInsertEventsAsync` (COPY) with the
            chain's trigger disabled for the seeding (the rebuild reads events only; re-enabled afterwards). Events carry Tunda's metadata
            (correlation, causation, headers). Each projection registered async with `BatchSize` 5,000, `MaximumHopperSize` 50,000,
            `RebuildFlushThreshold` {streams:N0} (≥ the aggregates a rebuild touches), and Tunda's `RebuildWithBulkCopy`; rebuilt by
            `RebuildProjectionAsync(name, {settings.RebuildTimeout.TotalMinutes:0} min, …)` on a daemon built for it, timed from the call to its return, then
            checked (document count, lines summed, progress at the last sequence). No writers during the rebuild.

            Goal ≥ {Goal:N0} events/s (single-stream): **{single:N0}, {(single >= Goal ? "met" : "not met")}**.
            """, table);
    }

    private static async Task SeedAsync(BenchStore bench, int streams, int accounts, CancellationToken cancellationToken)
    {
        var accountIds = Enumerable.Range(0, accounts).Select(_ => Guid.CreateVersion7()).ToArray();
        await bench.SetChainTriggerAsync(false, cancellationToken);
        try
        {
            for (var first = 0; first < streams; first += StreamsPerBulkInsert)
            {
                var chunk = new List<StreamAction>(StreamsPerBulkInsert);
                for (var s = first; s < Math.Min(streams, first + StreamsPerBulkInsert); s++)
                {
                    var stream = Guid.CreateVersion7();
                    var action = StreamAction.Start(bench.Store.Events, stream, Workload.Events(accountIds[s % accounts], 1, EventsPerStream));
                    foreach (var e in action.Events)
                    {
                        e.CorrelationId = Workload.CorrelationId;
                        e.CausationId = Workload.CausationId;
                        foreach (var (key, value) in Workload.Headers)
                        {
                            e.SetHeader(key, value);
                        }
                    }

                    chunk.Add(action);
                }

                await bench.Store.BulkInsertEventsAsync(chunk, cancellation: cancellationToken);
            }
        }
        finally
        {
            await bench.SetChainTriggerAsync(true, CancellationToken.None);
        }
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
