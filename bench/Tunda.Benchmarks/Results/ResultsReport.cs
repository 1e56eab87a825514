using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace Tunda.Benchmarks.Results;

/// <summary>A markdown table; cells are already formatted text.</summary>
internal sealed class MarkdownTable(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"Expected {columns.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(StringBuilder text)
    {
        text.Append("| ").AppendJoin(" | ", columns).AppendLine(" |");
        text.Append('|').AppendJoin('|', columns.Select(_ => "---")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }
    }
}

/// <summary>The results document: where and how it was measured, then one section per measurement.</summary>
internal sealed class ResultsReport
{
    private readonly StringBuilder _text = new();

    private ResultsReport()
    {
    }

    /// <summary>Starts the document with the date, machine, .NET and PostgreSQL settings.</summary>
    public static async Task<ResultsReport> StartAsync(NpgsqlDataSource server, BenchSettings settings, string commandLine, CancellationToken cancellationToken)
    {
        var report = new ResultsReport();
        var text = report._text;
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Tunda event store benchmarks").AppendLine();
        text.AppendLine(invariant, $"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(invariant, $"- Machine: {Environment.ProcessorCount} cores (Environment.ProcessorCount), {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, load average at start {LoadAverage()}");
        text.AppendLine(invariant, $"- .NET: {RuntimeInformation.FrameworkDescription}, Server GC {System.Runtime.GCSettings.IsServerGC}");
        text.AppendLine(invariant, $"- PostgreSQL: {await ShowAsync(server, "server_version", cancellationToken)}, synchronous_commit = {await ShowAsync(server, "synchronous_commit", cancellationToken)}, fsync = {await ShowAsync(server, "fsync", cancellationToken)}, shared_buffers = {await ShowAsync(server, "shared_buffers", cancellationToken)}, on the same machine (client and server share the cores)");
        text.AppendLine(invariant, $"- Run: `{commandLine}` ({(settings.Quick ? "quick" : "full")}: {settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s per append cell)");
        text.AppendLine(invariant, $"- Payload: `{nameof(InvoiceLineAdded)}`, {Workload.PayloadBytes} bytes of JSON per event; metadata {Encoding.UTF8.GetByteCount(Workload.MetadataJson)} bytes (correlation, causation, actor, IP, user agent)");
        text.AppendLine();
        return report;
    }

    public void AddSection(string title, string notes, MarkdownTable table)
    {
        _text.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
        if (notes.Length > 0)
        {
            _text.AppendLine(notes.TrimEnd()).AppendLine();
        }

        table.WriteTo(_text);
        _text.AppendLine();
    }

    public void AddFailure(string title, Exception error)
    {
        _text.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
        _text.AppendLine(CultureInfo.InvariantCulture, $"Failed: `{error.GetType().Name}: {error.Message}`").AppendLine();
    }

    public string Render() => _text.ToString();

    /// <summary>The default results file: bench/results/eventstore.md in the checkout holding the solution.</summary>
    public static string DefaultPath()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tunda.sln")))
                {
                    return Path.Combine(dir.FullName, "bench", "results", "eventstore.md");
                }
            }
        }

        return Path.GetFullPath("eventstore.md");
    }

    private static async Task<string> ShowAsync(NpgsqlDataSource server, string setting, CancellationToken cancellationToken)
    {
        // SHOW takes no parameters; the names come from this file only.
        await using var command = server.CreateCommand($"SHOW {setting}");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
