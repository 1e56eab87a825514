using System.Globalization;
using Tunda.Benchmarks.Appends;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// Events per second appended to existing streams with an exact expected version: Marten with
/// Tunda's configuration next to a raw Npgsql transaction doing the same version check and insert,
/// and next to a plain multi-row INSERT, for each writer count and events per transaction, the
/// order of the three sides rotating from cell to cell. Then the target cell repeated, and a
/// profile of where Marten's time goes there.
/// </summary>
internal static class AppendThroughput
{
    public const string Title = "1. Append throughput";
    public const int TargetWriters = 8;
    public const int TargetEvents = 10;
    public const double Goal = 0.8;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        await using var bench = await AppendBench.CreateAsync(connectionString, cancellationToken);
        var chain = bench.Bench.ChainInstalled ? "**on** (a trigger on `mt_events` installed by `TundaStore.Configure`)" : "**off** (`TundaStore.Configure` installs no trigger on `mt_events`)";
        Console.WriteLine($"append: hash chain {(bench.Bench.ChainInstalled ? "on" : "off")}");

        // One discarded round of every side first, so that tiered JIT has settled before the first measured cell.
        var jit = settings with { Warmup = TimeSpan.Zero, Duration = settings.Warmup * 2 };
        foreach (var side in Enum.GetValues<AppendSide>())
        {
            await bench.RunAsync(side, TargetWriters, TargetEvents, jit, cancellationToken);
        }

        var table = new MarkdownTable(
            "writers", "events/tx", "order", "Marten events/s", "raw tx events/s", "plain INSERT events/s",
            "**Marten / raw tx**", "Marten / plain", "ms p50 / p99 Marten", "ms p50 / p99 raw tx", "CPU µs/event Marten / raw tx / plain");
        var targetRatios = new List<(double Throughput, double Cpu)>();
        var turn = 0;
        foreach (var writers in settings.Writers)
        {
            foreach (var events in settings.EventsPerAppend)
            {
                var order = AppendBench.Order(turn++);
                var results = await MeasureCellAsync(bench, order, writers, events, settings, cancellationToken);
                var (marten, raw, plain) = (results[AppendSide.Marten], results[AppendSide.RawTransaction], results[AppendSide.PlainInsert]);
                var ratio = marten.PerSecond / raw.PerSecond;
                if (writers == TargetWriters && events == TargetEvents)
                {
                    targetRatios.Add((ratio, raw.CpuMicrosPerOperation / marten.CpuMicrosPerOperation));
                }

                table.Add(
                    $"{writers}", $"{events}", string.Join(", ", order.Select(AppendBench.Describe)),
                    Stats.Whole(marten.PerSecond * events), Stats.Whole(raw.PerSecond * events), Stats.Whole(plain.PerSecond * events),
                    $"**{Ratio(ratio)}**", Ratio(marten.PerSecond / plain.PerSecond),
                    Latency(marten), Latency(raw),
                    $"{Stats.Short(marten.CpuMicrosPerOperation / events)} / {Stats.Short(raw.CpuMicrosPerOperation / events)} / {Stats.Short(plain.CpuMicrosPerOperation / events)}");
                Console.WriteLine($"append {writers} x {events}: Marten {marten.PerSecond * events:N0}, raw tx {raw.PerSecond * events:N0}, plain {plain.PerSecond * events:N0} events/s; Marten/raw {ratio:0.00}");
            }
        }

        report.AddSection(Title, $"""
            Each writer owns one stream (started with one event) and appends to it in a loop, one transaction per append,
            with the exact expected version: the shape of a command handled on an aggregate. Every side runs
            {settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s measured, with the tables emptied before it; the order of the three
            sides rotates from cell to cell (column *order*), all in one run against one schema.

            - *Marten*: `TundaStore.Configure` as the app runs it: Quick append (`mt_quick_append_events`, which checks the
              version and inserts one row per event), `UseListenNotifyForEventAppends` (a `pg_notify` in every append),
              correlation/causation ids and headers on every event. Hash chain: {chain}.
              `session.Events.Append(id, expectedVersion, events)` + `SaveChangesAsync` per append.
            - *raw tx*: Npgsql, `BEGIN`; `UPDATE raw_streams SET version = … WHERE id = … AND version = expected` and one
              multi-row `INSERT` into a copy of `mt_events` (same columns, indexes and foreign key, no trigger), in one
              batch; rollback if no row was updated; `COMMIT`. Same data source settings, same JSON (Marten's serializer).
            - *plain INSERT*: one autocommit multi-row `INSERT` into a copy of `mt_events` with no foreign key: no stream
              row, no version check.

            Events/s counts events (rows). Latency is per append, client side. *CPU µs/event* is this process plus this
            run's server backends (from /proc), per event: it moves far less than throughput with the neighbours' load.
            """, table);

        var repeats = await AppendTargetRepeats.RunAsync(bench, settings, report, cancellationToken);
        targetRatios.AddRange(repeats);
        report.AddText(Verdict(targetRatios, bench.Bench.ChainInstalled));

        if (settings.Profile)
        {
            await AppendProfile.RunAsync(bench, settings, report, cancellationToken);
        }
    }

    public static async Task<Dictionary<AppendSide, TimedRunResult>> MeasureCellAsync(
        AppendBench bench, AppendSide[] order, int writers, int events, BenchSettings settings, CancellationToken cancellationToken)
    {
        var results = new Dictionary<AppendSide, TimedRunResult>();
        foreach (var side in order)
        {
            results[side] = await bench.RunAsync(side, writers, events, settings, cancellationToken);
        }

        return results;
    }

    private static string Verdict(List<(double Throughput, double Cpu)> ratios, bool chain)
    {
        if (ratios.Count == 0)
        {
            return $"Goal (Marten ≥ {Goal:0.0} × raw tx at {TargetWriters} writers × {TargetEvents} events) not part of this run.";
        }

        var throughput = ratios.Select(r => r.Throughput).ToList();
        var cpu = ratios.Select(r => r.Cpu).Where(r => !double.IsNaN(r)).ToList();
        var median = Stats.Median(throughput);
        var byCpu = cpu.Count == 0 ? "not measured" : $"{Ratio(Stats.Median(cpu))} (from {Ratio(cpu.Min())} to {Ratio(cpu.Max())})";
        return $"""
            **Goal: Marten ≥ {Goal:0.0} × raw tx at {TargetWriters} writers × {TargetEvents} events, hash chain {(chain ? "on" : "off")}: median of {ratios.Count} measurements
            {Ratio(median)} (from {Ratio(throughput.Min())} to {Ratio(throughput.Max())}): {(median >= Goal ? "met" : "not met")}.** By CPU per event (raw ÷ Marten, which moves
            less with the neighbours' load): median {byCpu}.
            """;
    }

    public static string Ratio(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Latency(TimedRunResult run) => $"{Stats.Short(run.P50)} / {Stats.Short(run.P99)}";
}
