using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;
using Tunda.Bench;

namespace Tunda.Benchmarks.Results;

/// <summary>The results document: where and how it was measured, then one section per measurement.</summary>
internal sealed class ResultsReport
{
    private readonly StringBuilder _text = new();
    private readonly string _loadAtStart = BenchEnvironment.LoadAverage();

    private ResultsReport()
    {
    }

    /// <summary>Starts the document with the date, machine, .NET and PostgreSQL settings.</summary>
    public static async Task<ResultsReport> StartAsync(NpgsqlDataSource server, BenchSettings settings, string commandLine, CancellationToken cancellationToken)
    {
        var report = new ResultsReport();
        var text = report._text;
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Tunda event store benchmarks (Marten 9.62 with Tunda's configuration)").AppendLine();
        text.AppendLine(invariant, $"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(invariant, $"- Machine: {Environment.ProcessorCount} cores (`nproc`), {CpuModel()}, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}; client and server share the cores");
        text.AppendLine(invariant, $"- .NET: {RuntimeInformation.FrameworkDescription}, Server GC {System.Runtime.GCSettings.IsServerGC}; Marten {typeof(Marten.DocumentStore).Assembly.GetName().Version}, Npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version}");
        text.AppendLine(invariant, $"- PostgreSQL: {await ShowAsync(server, "server_version", cancellationToken)} on the same machine, synchronous_commit = {await ShowAsync(server, "synchronous_commit", cancellationToken)}, fsync = {await ShowAsync(server, "fsync", cancellationToken)}, shared_buffers = {await ShowAsync(server, "shared_buffers", cancellationToken)}");
        text.AppendLine(invariant, $"- Run: `{commandLine}` ({(settings.Quick ? "quick smoke check: figures are not meaningful" : "full")})");
        return report;
    }

    /// <summary>Closes the header: other work on the machine shows in the load average, so it is stated.</summary>
    public void AddConditions(TimeSpan elapsed)
    {
        var header = $"- Conditions: load average at start {_loadAtStart}, at end {BenchEnvironment.LoadAverage()} (other work on the machine shows here: "
            + $"this run's own client and server add about 2-6); run time {elapsed.TotalMinutes:0.0} min. Absolute figures are noisy; "
            + "each comparison runs its sides back to back in alternating order.";
        var firstSection = _text.ToString().IndexOf("\n## ", StringComparison.Ordinal);
        _text.Insert(firstSection < 0 ? _text.Length : firstSection, header + "\n");
    }

    public void AddSection(string title, string notes, MarkdownTable table)
    {
        _text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
        if (notes.Length > 0)
        {
            _text.AppendLine(notes.TrimEnd()).AppendLine();
        }

        table.WriteTo(_text);
    }

    /// <summary>A paragraph under the last section.</summary>
    public void AddText(string paragraph) => _text.AppendLine().AppendLine(paragraph.TrimEnd());

    public void AddFailure(string title, Exception error)
    {
        _text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
        _text.AppendLine(CultureInfo.InvariantCulture, $"Failed: `{error.GetType().Name}: {error.Message}`");
    }

    public string Render() => _text.ToString();

    /// <summary>The default results file: bench/results/eventstore.md in the checkout holding the solution.</summary>
    public static string DefaultPath() => Path.Combine(BenchEnvironment.FindRepositoryRoot(), "bench", "results", "eventstore.md");

    private static async Task<string> ShowAsync(NpgsqlDataSource server, string setting, CancellationToken cancellationToken)
    {
        // SHOW takes no parameters; the names come from this file only.
        await using var command = server.CreateCommand($"SHOW {setting}");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string CpuModel() => BenchEnvironment.ReadProc("/proc/cpuinfo", text => text.Split('\n')
        .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "CPU model unknown");
}
