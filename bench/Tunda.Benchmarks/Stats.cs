using System.Globalization;

namespace Tunda.Benchmarks;

internal static class Stats
{
    /// <summary>Nearest-rank percentile of an ascending array; NaN when empty.</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Percentile(sorted, 50);
    }

    /// <summary>Thousands separated, no decimals: 12,345.</summary>
    public static string Whole(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Two significant decimals below 10, one below 100, none above: 0.42, 3.1, 250.</summary>
    public static string Short(double value) => value switch
    {
        double.NaN => "–",
        < 10 => value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };
}
