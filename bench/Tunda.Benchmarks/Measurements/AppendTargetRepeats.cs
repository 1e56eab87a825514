using Tunda.Benchmarks.Appends;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// The target cell (8 writers × 10 events) measured again, Marten and raw tx only, alternating which
/// runs first, so that one noisy window on a shared machine cannot decide the verdict.
/// </summary>
internal static class AppendTargetRepeats
{
    /// <summary>Adds the section and returns each repeat's Marten/raw tx ratios, by throughput and by CPU per event.</summary>
    public static async Task<IReadOnlyList<(double Throughput, double Cpu)>> RunAsync(AppendBench bench, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        if (settings.Repeats == 0 || !settings.Writers.Contains(AppendThroughput.TargetWriters) || !settings.EventsPerAppend.Contains(AppendThroughput.TargetEvents))
        {
            return [];
        }

        const int events = AppendThroughput.TargetEvents;
        var table = new MarkdownTable("run", "order", "Marten events/s", "raw tx events/s", "Marten / raw tx", "CPU µs/event Marten / raw tx", "by CPU (raw ÷ Marten µs/event)");
        var ratios = new List<(double Throughput, double Cpu)>();
        for (var run = 1; run <= settings.Repeats; run++)
        {
            AppendSide[] order = run % 2 == 1 ? [AppendSide.RawTransaction, AppendSide.Marten] : [AppendSide.Marten, AppendSide.RawTransaction];
            var results = await AppendThroughput.MeasureCellAsync(bench, order, AppendThroughput.TargetWriters, events, settings, cancellationToken);
            var (marten, raw) = (results[AppendSide.Marten], results[AppendSide.RawTransaction]);
            ratios.Add((marten.PerSecond / raw.PerSecond, raw.CpuMicrosPerOperation / marten.CpuMicrosPerOperation));
            table.Add(
                $"{run}", string.Join(", ", order.Select(AppendBench.Describe)),
                Stats.Whole(marten.PerSecond * events), Stats.Whole(raw.PerSecond * events), AppendThroughput.Ratio(ratios[^1].Throughput),
                $"{Stats.Short(marten.CpuMicrosPerOperation / events)} / {Stats.Short(raw.CpuMicrosPerOperation / events)}",
                AppendThroughput.Ratio(raw.CpuMicrosPerOperation / marten.CpuMicrosPerOperation));
            Console.WriteLine($"append target cell, repeat {run}: Marten/raw {ratios[^1].Throughput:0.00}");
        }

        report.AddSection(AppendThroughput.Title + ": the target cell repeated", $"""
            {AppendThroughput.TargetWriters} writers × {events} events, {settings.Repeats} more times, Marten and raw tx only, alternating which runs first.
            """, table);
        return ratios;
    }
}
