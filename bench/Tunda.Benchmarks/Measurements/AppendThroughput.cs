using System.Globalization;
using Tunda.Benchmarks.Appends;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// Events per second appended to existing streams with an exact expected version: Marten with
/// Tunda's configuration next to a raw Npgsql transaction doing the same version check and insert,
/// (without and with the same hash-chain trigger), and next to a plain multi-row INSERT, for each
/// writer count and events per transaction, the order of the sides rotating from cell to cell. Then the target cell repeated, and a
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
        var notify = bench.Bench.Store.Options.Events.UseListenNotifyForEventAppends
            ? "`UseListenNotifyForEventAppends` on (a `pg_notify` in every append)"
            : "`UseListenNotifyForEventAppends` off (no `pg_notify`: the daemon polls)";

        // One discarded round of every side first, so that tiered JIT has settled before the first measured cell.
        var jit = settings with { Warmup = TimeSpan.Zero, Duration = settings.Warmup * 2 };
        foreach (var side in Enum.GetValues<AppendSide>())
        {
            await bench.RunAsync(side, TargetWriters, TargetEvents, jit, cancellationToken);
        }

        var table = new MarkdownTable(
            "writers", "events/tx", "order", "Marten events/s", "raw tx events/s", "raw tx + chain events/s", "plain INSERT events/s",
            "**Marten / raw tx**", "**Marten / raw tx + chain**", "Marten / plain", "ms p50 / p99 Marten", "ms p50 / p99 raw tx", "CPU µs/event Marten / raw tx / raw tx + chain / plain");
        var targetRatios = new List<TargetRatios>();
        var turn = 0;
        foreach (var writers in settings.Writers)
        {
            foreach (var events in settings.EventsPerAppend)
            {
                var order = AppendBench.Order(turn++);
                var results = await MeasureCellAsync(bench, order, writers, events, settings, cancellationToken);
                var (marten, raw, chained, plain) = (results[AppendSide.Marten], results[AppendSide.RawTransaction], results[AppendSide.RawTransactionChained], results[AppendSide.PlainInsert]);
                var ratio = marten.PerSecond / raw.PerSecond;
                if (writers == TargetWriters && events == TargetEvents)
                {
                    targetRatios.Add(TargetRatios.Of(marten, raw, chained));
                }

                table.Add(
                    $"{writers}", $"{events}", string.Join(", ", order.Select(AppendBench.Describe)),
                    Stats.Whole(marten.PerSecond * events), Stats.Whole(raw.PerSecond * events), Stats.Whole(chained.PerSecond * events), Stats.Whole(plain.PerSecond * events),
                    $"**{Ratio(ratio)}**", $"**{Ratio(marten.PerSecond / chained.PerSecond)}**", Ratio(marten.PerSecond / plain.PerSecond),
                    Latency(marten), Latency(raw),
                    string.Join(" / ", new[] { marten, raw, chained, plain }.Select(side => Stats.Short(side.CpuMicrosPerOperation / events))));
                Console.WriteLine($"append {writers} x {events}: Marten {marten.PerSecond * events:N0}, raw tx {raw.PerSecond * events:N0}, raw tx + chain {chained.PerSecond * events:N0}, plain {plain.PerSecond * events:N0} events/s; Marten/raw {ratio:0.00}");
            }
        }

        report.AddSection(Title, $"""
            Each writer owns one stream (started with one event) and appends to it in a loop, one transaction per append,
            with the exact expected version: the shape of a command handled on an aggregate. Every side runs
            {settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s measured, with the tables emptied before it; the order of the four
            sides rotates from cell to cell (column *order*), all in one run against one schema.

            - *Marten*: `TundaStore.Configure` as the app runs it: Quick append (`mt_quick_append_events`, which checks the
              version and inserts one row per event), {notify},
              correlation/causation ids and headers on every event. Hash chain: {chain}.
              `session.Events.Append(id, expectedVersion, events)` + `SaveChangesAsync` per append.
            - *raw tx*: Npgsql, `BEGIN`; `UPDATE raw_streams SET version = … WHERE id = … AND version = expected` and one
              multi-row `INSERT` into a copy of `mt_events` (same columns, indexes and foreign key, no trigger), in one
              batch; rollback if no row was updated; `COMMIT`. Same data source settings, same JSON (Marten's serializer).
            - *raw tx + chain*: the same transaction into one more copy of `mt_events` that carries the hash chain's trigger
              (Tunda's link function read back from the catalog, writing into a copy of `tunda_event_chain`): the same
              work as Marten's append with the chain, written by hand.
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

    /// <summary>Marten's throughput over each raw side's, and the raw side's CPU per event over Marten's.</summary>
    public sealed record TargetRatios(double Throughput, double ThroughputChained, double Cpu, double CpuChained)
    {
        public static TargetRatios Of(TimedRunResult marten, TimedRunResult raw, TimedRunResult chained) => new(
            marten.PerSecond / raw.PerSecond, marten.PerSecond / chained.PerSecond,
            raw.CpuMicrosPerOperation / marten.CpuMicrosPerOperation, chained.CpuMicrosPerOperation / marten.CpuMicrosPerOperation);
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

    private static string Verdict(List<TargetRatios> ratios, bool chain)
    {
        if (ratios.Count == 0)
        {
            return $"Goal (Marten ≥ {Goal:0.0} × raw tx at {TargetWriters} writers × {TargetEvents} events) not part of this run.";
        }

        return $"""
            **Goal: Marten ≥ {Goal:0.0} × raw tx at {TargetWriters} writers × {TargetEvents} events, hash chain {(chain ? "on" : "off")}, over {ratios.Count} measurements:**
            - against the raw tx without the chain: {Spread(ratios.Select(r => r.Throughput))}, **{Met(ratios.Select(r => r.Throughput))}**; by CPU per event (raw ÷ Marten, which moves less with the neighbours' load): {Spread(ratios.Select(r => r.Cpu))};
            - against the raw tx with the same chain trigger (the same work): {Spread(ratios.Select(r => r.ThroughputChained))}, **{Met(ratios.Select(r => r.ThroughputChained))}**; by CPU per event: {Spread(ratios.Select(r => r.CpuChained))}.
            """;
    }

    private static string Met(IEnumerable<double> ratios) => Stats.Median(ratios.ToList()) >= Goal ? "met" : "not met";

    private static string Spread(IEnumerable<double> values)
    {
        var list = values.Where(v => !double.IsNaN(v)).ToList();
        return list.Count == 0 ? "not measured" : $"median {Ratio(Stats.Median(list))} (from {Ratio(list.Min())} to {Ratio(list.Max())})";
    }

    public static string Ratio(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Latency(TimedRunResult run) => $"{Stats.Short(run.P50)} / {Stats.Short(run.P99)}";
}
