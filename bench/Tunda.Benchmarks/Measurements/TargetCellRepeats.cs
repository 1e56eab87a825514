using System.Globalization;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// The target cell (existing stream, exact version, 8 writers × 10 events) measured several more
/// times, alternating which side runs first, so that one noisy window cannot decide the verdict:
/// the median and the spread of the ratio are reported.
/// </summary>
internal static class TargetCellRepeats
{
    public const string Title = "1. Append throughput: the target cell repeated";

    private const int Writers = 8;
    private const int EventsPerAppend = 10;

    public static async Task RunAsync(string connectionString, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var table = new MarkdownTable("run", "order", "Tunda events/s", "raw events/s", "Tunda/raw", "CPU µs/event Tunda / raw", "Tunda/raw by CPU");
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        for (var run = 1; run <= settings.Repeats; run++)
        {
            var rawFirst = run % 2 == 0;
            var (tunda, raw) = await AppendThroughput.MeasureBothAsync(
                connectionString, settings, StreamPattern.ExistingStreamExactVersion, Writers, EventsPerAppend, cancellationToken, rawFirst);
            ratios.Add(tunda.PerSecond / raw.PerSecond);
            cpuRatios.Add(raw.CpuMicrosPerOperation / tunda.CpuMicrosPerOperation);
            table.Add(
                $"{run}", rawFirst ? "raw, Tunda" : "Tunda, raw",
                Stats.Whole(tunda.PerSecond * EventsPerAppend), Stats.Whole(raw.PerSecond * EventsPerAppend), Ratio(ratios[^1]),
                $"{Stats.Short(tunda.CpuMicrosPerOperation / EventsPerAppend)} / {Stats.Short(raw.CpuMicrosPerOperation / EventsPerAppend)}",
                AppendThroughput.CpuRatio(tunda, raw));
            Console.WriteLine($"append target cell, run {run}: ratio {ratios[^1]:0.00}, by CPU {AppendThroughput.CpuRatio(tunda, raw)}");
        }

        var median = Stats.Median(ratios);
        var measuredCpu = cpuRatios.Where(r => !double.IsNaN(r)).ToList();
        var cpuSummary = measuredCpu.Count == 0
            ? "by CPU: not measured (the server's processes are not visible from here)"
            : $"by CPU median **{Ratio(Stats.Median(measuredCpu))}** (from {Ratio(measuredCpu.Min())} to {Ratio(measuredCpu.Max())})";
        report.AddSection(Title, $"""
            The target cell measured {settings.Repeats} more times ({settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s per side),
            alternating which side runs first.

            Tunda/raw median **{Ratio(median)}** (from {Ratio(ratios.Min())} to {Ratio(ratios.Max())}); {cpuSummary}.
            Target ≥ 0.70: **{(median >= 0.7 ? "met" : "not met")}** by the median throughput ratio.
            """, table);
    }

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
