using System.Globalization;
using Tunda.Benchmarks.Results;
using Tunda.EventStore;

namespace Tunda.Benchmarks.Measurements;

internal enum StreamPattern
{
    /// <summary>StartStream with a fresh id each time: a sign-up, an order, a ticket opened.</summary>
    NewStreamPerAppend,

    /// <summary>Each writer appends to a stream of its own with ExpectedVersion.Exactly: a command on an aggregate.</summary>
    ExistingStreamExactVersion,
}

/// <summary>
/// Appends per second through the store against plain INSERTs of the same rows, for each stream
/// pattern, writer count and events per append, each cell in a fresh schema; then the target cell
/// again under a few Npgsql connection settings.
/// </summary>
internal static class AppendThroughput
{
    public const string Title = "1. Append throughput";

    /// <summary>Npgsql settings tried at the target cell, on top of the store's data source defaults.</summary>
    private static readonly (string Name, string Extra)[] ConnectionVariants =
    [
        ("store defaults (`EventStore.CreateDataSource`: auto-prepare 64)", ""),
        ("`Max Auto Prepare=20`", "Max Auto Prepare=20"),
        ("defaults + `No Reset On Close=true`", "No Reset On Close=true"),
    ];

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var table = new MarkdownTable(
            "stream pattern", "writers", "events/append",
            "Tunda appends/s", "Tunda events/s", "Tunda ms p50 / p99",
            "raw events/s", "raw ms p50 / p99", "Tunda/raw",
            "WAL B/event Tunda / raw", "xids/append Tunda / raw", "CPU µs/event Tunda / raw", "Tunda/raw by CPU");

        // One discarded round first, so that tiered JIT has settled before the first measured cell.
        var jitWarmup = settings with { Warmup = TimeSpan.Zero, Duration = settings.Warmup * 2 };
        await MeasureBothAsync(connectionString, jitWarmup, StreamPattern.ExistingStreamExactVersion, 8, 10, cancellationToken);

        double? targetRatio = null;
        foreach (var pattern in Enum.GetValues<StreamPattern>())
        {
            foreach (var writers in settings.Writers)
            {
                foreach (var eventsPerAppend in settings.EventsPerAppend)
                {
                    var (tunda, raw) = await MeasureBothAsync(connectionString, settings, pattern, writers, eventsPerAppend, cancellationToken);
                    var ratio = tunda.PerSecond / raw.PerSecond;
                    if (pattern == StreamPattern.ExistingStreamExactVersion && writers == 8 && eventsPerAppend == 10)
                    {
                        targetRatio = ratio;
                    }

                    table.Add(
                        Describe(pattern), $"{writers}", $"{eventsPerAppend}",
                        Stats.Whole(tunda.PerSecond), Stats.Whole(tunda.PerSecond * eventsPerAppend), $"{Stats.Short(tunda.P50)} / {Stats.Short(tunda.P99)}",
                        Stats.Whole(raw.PerSecond * eventsPerAppend), $"{Stats.Short(raw.P50)} / {Stats.Short(raw.P99)}", ratio.ToString("0.00", CultureInfo.InvariantCulture),
                        $"{Stats.Whole(WalPerEvent(tunda, eventsPerAppend))} / {Stats.Whole(WalPerEvent(raw, eventsPerAppend))}",
                        $"{Stats.Short(XidsPerAppend(tunda))} / {Stats.Short(XidsPerAppend(raw))}",
                        $"{Stats.Short(tunda.CpuMicrosPerOperation / eventsPerAppend)} / {Stats.Short(raw.CpuMicrosPerOperation / eventsPerAppend)}",
                        CpuRatio(tunda, raw));
                    Console.WriteLine(
                        $"append {Describe(pattern)}, {writers} writers x {eventsPerAppend}: Tunda {tunda.PerSecond * eventsPerAppend:N0} events/s, raw {raw.PerSecond * eventsPerAppend:N0} events/s, ratio {ratio:0.00}, by CPU {CpuRatio(tunda, raw)}");
                }
            }
        }

        var verdict = targetRatio is { } r
            ? $"Target: Tunda/raw ≥ 0.70 at 8 writers × 10 events/append (existing stream, exact version): **{r:0.00}, {(r >= 0.7 ? "met" : "not met")}**."
            : "Target (8 writers × 10 events/append) not part of this run.";
        report.AddSection(Title, $"""
            Each cell: {settings.Warmup.TotalSeconds:0.#} s warm-up, then {settings.Duration.TotalSeconds:0.#} s measured, in a fresh schema (after one
            discarded round for JIT). Both sides use the same data source: `EventStore.CreateDataSource` (pooling, auto-prepare of repeated statements).
            Writers loop with no pause, each on its own streams, one session (connection, transaction, commit) per append.
            *new stream per append* = `StartStream` with a new id; *existing stream, exact version* = each writer's own stream,
            `Append(..., ExpectedVersion.Exactly(v))`, the shape of a command handled on an aggregate.
            *raw* = plain autocommit multi-row `INSERT` of the same rows into a table with the same columns and indexes
            (no stream table, no foreign key, no version check, no hash computation), same writers, same stream-id pattern.
            *Tunda/raw* compares events (rows) per second. Latency is per append (ms, client side).
            *WAL B/event* and *xids/append* come from `pg_current_wal_lsn()` and the next transaction id over the window
            (cluster-wide, so other activity on the server counts too); Tunda's xids include the background `pg_notify`
            transactions of its `PostCommitNotifier`.
            *CPU µs/event* = CPU time of this process plus the server's processes (from /proc) over the window, per event;
            *Tunda/raw by CPU* = raw CPU per event ÷ Tunda CPU per event: what the throughput ratio would be with the
            machine to themselves, since both sides are CPU-bound here. It moves far less with the neighbours' load.

            {verdict}
            """, table);

        if (settings.Writers.Contains(8) && settings.EventsPerAppend.Contains(10))
        {
            report.AddSection(Title + ": connection settings at the target cell", """
                Existing stream, exact version, 8 writers × 10 events/append, with the same extra connection-string settings
                for the store's data source and for the raw inserts. An append is one round trip (BEGIN, one
                `append_stream` call per stream, COMMIT); this shows what the pool's settings are worth to each side, and,
                being the same cell measured again, how much the ratio moves between runs on this shared machine.
                """, await CompareConnectionSettingsAsync(connectionString, settings, cancellationToken));
            await TargetCellRepeats.RunAsync(connectionString, settings, report, cancellationToken);
        }
    }

    private static async Task<MarkdownTable> CompareConnectionSettingsAsync(string connectionString, BenchSettings settings, CancellationToken cancellationToken)
    {
        var table = new MarkdownTable("connection settings", "Tunda events/s", "raw events/s", "Tunda/raw", "Tunda/raw by CPU", "Tunda vs defaults");
        double? baseline = null;
        foreach (var (name, extra) in ConnectionVariants)
        {
            var variant = extra.Length == 0 ? connectionString : $"{connectionString.TrimEnd(';')};{extra}";
            var (tunda, raw) = await MeasureBothAsync(variant, settings, StreamPattern.ExistingStreamExactVersion, 8, 10, cancellationToken);
            baseline ??= tunda.PerSecond;
            table.Add(
                name, Stats.Whole(tunda.PerSecond * 10), Stats.Whole(raw.PerSecond * 10),
                (tunda.PerSecond / raw.PerSecond).ToString("0.00", CultureInfo.InvariantCulture),
                CpuRatio(tunda, raw),
                (tunda.PerSecond / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) + "×");
            Console.WriteLine($"append settings {name}: Tunda {tunda.PerSecond * 10:N0} events/s, raw {raw.PerSecond * 10:N0} events/s");
        }

        return table;
    }

    /// <summary>Raw CPU per event ÷ Tunda CPU per event, or a dash when the server's CPU is not visible.</summary>
    public static string CpuRatio(TimedRunResult tunda, TimedRunResult raw)
    {
        var ratio = raw.CpuMicrosPerOperation / tunda.CpuMicrosPerOperation;
        return double.IsNaN(ratio) ? "–" : ratio.ToString("0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The Tunda and raw runs of one cell, back to back so that background load drifts affect both
    /// alike; <paramref name="rawFirst"/> swaps the order, so that repeats can cancel a drift out.
    /// </summary>
    public static async Task<(TimedRunResult Tunda, TimedRunResult Raw)> MeasureBothAsync(
        string connectionString, BenchSettings settings, StreamPattern pattern, int writers, int eventsPerAppend, CancellationToken cancellationToken, bool rawFirst = false)
    {
        if (rawFirst)
        {
            var rawBefore = await MeasureRawAsync(connectionString, settings, pattern, writers, eventsPerAppend, cancellationToken);
            return (await MeasureTundaAsync(connectionString, settings, pattern, writers, eventsPerAppend, cancellationToken), rawBefore);
        }

        var tunda = await MeasureTundaAsync(connectionString, settings, pattern, writers, eventsPerAppend, cancellationToken);
        var raw = await MeasureRawAsync(connectionString, settings, pattern, writers, eventsPerAppend, cancellationToken);
        return (tunda, raw);
    }

    private static async Task<TimedRunResult> MeasureTundaAsync(
        string connectionString, BenchSettings settings, StreamPattern pattern, int writers, int eventsPerAppend, CancellationToken cancellationToken)
    {
        await using var bench = await BenchStore.CreateAsync(connectionString, null, cancellationToken);
        var store = bench.Store;

        async Task<WriterStep> CreateWriter(int index, CancellationToken token)
        {
            var account = Guid.NewGuid();
            if (pattern == StreamPattern.NewStreamPerAppend)
            {
                var nextLine = 1;
                return async stepToken =>
                {
                    await using var session = store.OpenSession(Workload.Metadata);
                    session.StartStream(Guid.NewGuid(), Workload.StreamType, Workload.Events(account, nextLine, eventsPerAppend));
                    nextLine += eventsPerAppend;
                    await session.SaveChangesAsync(stepToken);
                };
            }

            await using (var create = store.OpenSession(Workload.Metadata))
            {
                create.StartStream(account, Workload.StreamType, Workload.Events(account, 1, 1));
                await create.SaveChangesAsync(token);
            }

            var version = 1L;
            return async stepToken =>
            {
                await using var session = store.OpenSession(Workload.Metadata);
                session.Append(account, Workload.StreamType, ExpectedVersion.Exactly(version), Workload.Events(account, (int)version + 1, eventsPerAppend));
                var result = await session.SaveChangesAsync(stepToken);
                version = result.Versions[account];
            };
        }

        return await TimedRun.RunAsync(writers, CreateWriter, settings.Warmup, settings.Duration, bench.DataSource, cancellationToken);
    }

    private static async Task<TimedRunResult> MeasureRawAsync(
        string connectionString, BenchSettings settings, StreamPattern pattern, int writers, int eventsPerAppend, CancellationToken cancellationToken)
    {
        // The store's schema is created only to be dropped with the raw table afterwards.
        await using var bench = await BenchStore.CreateAsync(connectionString, null, cancellationToken);
        var raw = await RawEventTable.CreateAsync(bench.DataSource, bench.Schema, cancellationToken);
        return await TimedRun.RunAsync(
            writers, (_, _) => Task.FromResult(raw.Writer(pattern, eventsPerAppend)), settings.Warmup, settings.Duration, bench.DataSource, cancellationToken);
    }

    private static string Describe(StreamPattern pattern) => pattern switch
    {
        StreamPattern.NewStreamPerAppend => "new stream per append",
        _ => "existing stream, exact version",
    };

    private static double WalPerEvent(TimedRunResult run, int eventsPerAppend) =>
        run.Operations == 0 ? double.NaN : (double)run.Server.WalBytes / (run.Operations * eventsPerAppend);

    private static double XidsPerAppend(TimedRunResult run) =>
        run.Operations == 0 ? double.NaN : (double)run.Server.NextTransactionId / run.Operations;
}
