using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;
using Tunda.Benchmarks;
using Tunda.Benchmarks.Measurements;
using Tunda.Benchmarks.Results;

// Throughput and latency of Tunda's event store (Marten with TundaStore.Configure) against a real
// PostgreSQL (TUNDA_DB). Prints a markdown report and writes it to bench/results/eventstore.md.
// See BenchSettings.Usage.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchSettings.Usage);
    return 0;
}

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

var database = Environment.GetEnvironmentVariable("TUNDA_DB");
if (string.IsNullOrWhiteSpace(database))
{
    Console.Error.WriteLine("Set TUNDA_DB to an Npgsql connection string, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres");
    return 2;
}

// Room for 32 writers plus the daemon; one application name for this run's backends, so that the
// server CPU and wait states counted are this run's and not the other work on the server.
var connectionString = new NpgsqlConnectionStringBuilder(database)
{
    MaxPoolSize = 100,
    ApplicationName = $"tunda-bench-{Environment.ProcessId}",
}.ConnectionString;
var clock = Stopwatch.StartNew();

// Ctrl+C and SIGTERM stop the run cleanly, so every bench_* schema is dropped on the way out.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

await using var server = NpgsqlDataSource.Create(connectionString);
var commandLine = "dotnet run -c Release --project bench/Tunda.Benchmarks" + (args.Length == 0 ? string.Empty : " -- " + string.Join(' ', args));
var report = await ResultsReport.StartAsync(server, settings, commandLine, cancel.Token);
var measurements = new (string Name, string Title, Func<string, BenchSettings, ResultsReport, CancellationToken, Task> Run)[]
{
    ("append", AppendThroughput.Title, AppendThroughput.RunAsync),
    ("lag", DaemonLag.Title, DaemonLag.RunAsync),
    ("rebuild", RebuildRate.Title, RebuildRate.RunAsync),
    ("fold", StreamFold.Title, StreamFold.RunAsync),
};

var failures = 0;
foreach (var (name, title, run) in measurements.Where(m => settings.Runs(m.Name)))
{
    try
    {
        await run(connectionString, settings, report, cancel.Token);
    }
    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
    {
        Console.Error.WriteLine("Cancelled; the bench_* schemas of the running measurement were dropped.");
        return 130;
    }
    catch (Exception ex) when (ex is not OperationCanceledException)
    {
        // Report what failed and go on: one broken measurement should not cost the others.
        Console.Error.WriteLine($"{name} failed: {ex}");
        report.AddFailure(title, ex);
        failures++;
    }
}

report.AddConditions(clock.Elapsed);
var markdown = report.Render();
var path = settings.OutputPath ?? ResultsReport.DefaultPath();
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Written to {path}");
return failures == 0 ? 0 : 1;
