using Tunda.Benchmarks.Appends;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// The target cell (8 writers × 10 events) measured again, Marten and the two raw transactions only,
/// rotating which runs first, so that one noisy window on a shared machine cannot decide the verdict.
/// </summary>
internal static class AppendTargetRepeats
{
    /// <summary>Adds the section and returns each repeat's Marten/raw tx ratios, by throughput and by CPU per event.</summary>
    public static async Task<IReadOnlyList<AppendThroughput.TargetRatios>> RunAsync(AppendBench bench, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        if (settings.Repeats == 0 || !settings.Writers.Contains(AppendThroughput.TargetWriters) || !settings.EventsPerAppend.Contains(AppendThroughput.TargetEvents))
        {
            return [];
        }

        const int events = AppendThroughput.TargetEvents;
        var table = new MarkdownTable(
            "run", "order", "Marten events/s", "raw tx events/s", "raw tx + chain events/s", "Marten / raw tx", "Marten / raw tx + chain",
            "CPU µs/event Marten / raw tx / raw tx + chain", "by CPU (raw ÷ Marten µs/event, without / with chain)");
        var ratios = new List<AppendThroughput.TargetRatios>();
        AppendSide[] sides = [AppendSide.RawTransaction, AppendSide.Marten, AppendSide.RawTransactionChained];
        for (var run = 1; run <= settings.Repeats; run++)
        {
            AppendSide[] order = [.. sides.Skip(run % sides.Length), .. sides.Take(run % sides.Length)];
            var results = await AppendThroughput.MeasureCellAsync(bench, order, AppendThroughput.TargetWriters, events, settings, cancellationToken);
            var (marten, raw, chained) = (results[AppendSide.Marten], results[AppendSide.RawTransaction], results[AppendSide.RawTransactionChained]);
            var ratio = AppendThroughput.TargetRatios.Of(marten, raw, chained);
            ratios.Add(ratio);
            table.Add(
                $"{run}", string.Join(", ", order.Select(AppendBench.Describe)),
                Stats.Whole(marten.PerSecond * events), Stats.Whole(raw.PerSecond * events), Stats.Whole(chained.PerSecond * events),
                AppendThroughput.Ratio(ratio.Throughput), AppendThroughput.Ratio(ratio.ThroughputChained),
                string.Join(" / ", new[] { marten, raw, chained }.Select(side => Stats.Short(side.CpuMicrosPerOperation / events))),
                $"{AppendThroughput.Ratio(ratio.Cpu)} / {AppendThroughput.Ratio(ratio.CpuChained)}");
            Console.WriteLine($"append target cell, repeat {run}: Marten/raw {ratio.Throughput:0.00}, Marten/raw + chain {ratio.ThroughputChained:0.00}");
        }

        report.AddSection(AppendThroughput.Title + ": the target cell repeated", $"""
            {AppendThroughput.TargetWriters} writers × {events} events, {settings.Repeats} more times, Marten and the two raw transactions only, rotating which runs first.
            """, table);
        return ratios;
    }
}
