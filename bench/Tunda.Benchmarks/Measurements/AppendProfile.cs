using Marten;
using Tunda.Benchmarks.Appends;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// Where Marten's time goes at the target cell: the same cell with the chain's trigger and the append
/// notification switched off one at a time (with the server backends' wait states sampled), then
/// one writer's appends with the server's statements timed (<see cref="AppendStatementProfile"/>).
/// </summary>
internal static class AppendProfile
{
    private const int Writers = AppendThroughput.TargetWriters;
    private const int Events = AppendThroughput.TargetEvents;

    public static async Task RunAsync(AppendBench bench, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var chain = bench.Bench.ChainInstalled;
        var quiet = bench.Bench.Variant(o => o.Events.UseListenNotifyForEventAppends = false);
        var variants = new List<(string Name, IDocumentStore Store, bool ChainOff)>
        {
            ("Tunda's configuration" + (chain ? " (chain on, notify on)" : " (notify on; no chain installed)"), bench.Bench.Store, false),
            ("`UseListenNotifyForEventAppends = false`", quiet, false),
        };
        if (chain)
        {
            variants.Insert(1, ("chain trigger disabled", bench.Bench.Store, true));
            variants.Add(("chain disabled and no notify", quiet, true));
        }

        var table = new MarkdownTable("configuration", "events/s", "÷ raw tx", "ms p50 / p99", "CPU µs/event client / server", "server backends sampled (share of samples)");
        var rawBefore = await MeasureAsync(bench, AppendSide.RawTransaction, null, settings, cancellationToken);
        var rows = new List<(string Name, TimedRunResult Run, string States)>();
        foreach (var (name, store, chainOff) in variants)
        {
            if (chainOff)
            {
                await bench.Bench.SetChainTriggerAsync(false, cancellationToken);
            }

            try
            {
                var (run, states) = await MeasureAsync(bench, AppendSide.Marten, store, settings, cancellationToken);
                rows.Add((name, run, states));
                Console.WriteLine($"append profile, {name}: {run.PerSecond * Events:N0} events/s");
            }
            finally
            {
                await bench.Bench.SetChainTriggerAsync(true, CancellationToken.None);
            }
        }

        var rawAfter = await MeasureAsync(bench, AppendSide.RawTransaction, null, settings, cancellationToken);
        var raw = (rawBefore.Run.PerSecond + rawAfter.Run.PerSecond) / 2;
        foreach (var (name, run, states) in rows)
        {
            table.Add(name, Stats.Whole(run.PerSecond * Events), AppendThroughput.Ratio(run.PerSecond / raw), $"{Stats.Short(run.P50)} / {Stats.Short(run.P99)}", Cpu(run), states);
        }

        table.Add("raw tx (before / after the Marten runs)", $"{Stats.Whole(rawBefore.Run.PerSecond * Events)} / {Stats.Whole(rawAfter.Run.PerSecond * Events)}", "1.00",
            $"{Stats.Short(rawBefore.Run.P50)} / {Stats.Short(rawBefore.Run.P99)}", Cpu(rawBefore.Run), rawBefore.States);
        report.AddSection(AppendThroughput.Title + ": where Marten's time goes", $"""
            The target cell ({Writers} writers × {Events} events) again, Marten with one thing switched off at a time (the chain's
            trigger by `ALTER TABLE … DISABLE TRIGGER USER` in the bench schema; the notification by a second store over the
            same schema), against the mean of a raw tx run before and after. *server backends sampled*: this run's backends
            in `pg_stat_activity` every 5 ms during the window: *CPU* = active with no wait event; *Lock:object* = waiting for
            the lock a transaction that sent NOTIFY takes at commit (one lock for the whole cluster, "database 0", held until
            the commit record is flushed, so notifying commits anywhere on the server go one at a time, other work's included);
            *IO:WALSync* / *LWLock:WALWrite* = flushing or waiting for the WAL flush;
            *idle in transaction (client)* = the server waiting for the client's next statement inside a transaction.
            """, table);

        await AppendStatementProfile.RunAsync(bench, settings, report, cancellationToken);
    }

    private static async Task<(TimedRunResult Run, string States)> MeasureAsync(
        AppendBench bench, AppendSide side, IDocumentStore? store, BenchSettings settings, CancellationToken cancellationToken)
    {
        await using var sampler = new WaitEventSampler(bench.Bench.ConnectionString);
        var run = await bench.RunAsync(side, Writers, Events, settings, cancellationToken, store, sampler);
        return (run, sampler.Summary());
    }

    private static string Cpu(TimedRunResult run) =>
        $"{Stats.Short(run.ClientCpuMicrosPerOperation / Events)} / {Stats.Short(run.ServerCpuMicrosPerOperation / Events)}";
}
