using System.Globalization;
using System.Text;
using Tunda.Bench;

namespace Tunda.Web.Benchmarks;

/// <summary>Start-up time: the Release app started <c>runs</c> times, each on a fresh schema, until /health first answers 200.</summary>
internal static class StartupBench
{
    public static async Task<int> RunAsync(string root, string connectionString, int runs, string label, string output)
    {
        var seconds = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var app = await AppProcess.StartAsync(root, connectionString);
            seconds.Add(app.StartedIn.TotalSeconds);
        }

        seconds.Sort();
        var section = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"## Start-up to /health: {label}\n\n")
            .Append(CultureInfo.InvariantCulture, $"`./tunda bench web --startup --runs {runs}`, {DateTime.UtcNow:u}; load average at the end {BenchEnvironment.LoadAverage()}. ")
            .Append("From starting `dotnet Tunda.Web.dll` (Release, Development environment) to the first 200 from /health, each run on a fresh schema (its tables created on the way).\n\n")
            .Append("| runs | median s | min s | max s |\n|---|---|---|---|\n")
            .Append(CultureInfo.InvariantCulture, $"| {runs} | {seconds[seconds.Count / 2]:0.00} | {seconds[0]:0.00} | {seconds[^1]:0.00} |\n\n");
        Console.WriteLine(section);
        await File.AppendAllTextAsync(output, section.ToString());
        return 0;
    }
}
