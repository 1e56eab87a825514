using System.Globalization;
using System.Text;
using Tunda.Messaging.Benchmarks;

// Messages per second through the durable queue (publish + handle, 1 and 2 worker nodes, each node
// with its own connection pool as a separate process would have), InvokeAsync latency for a small
// command, and the raw limit: the same rows inserted and deleted by plain SQL.
// Usage: dotnet run -c Release --project bench/Tunda.Messaging.Benchmarks [-- messages [invocations]]
var connectionString = Environment.GetEnvironmentVariable("TUNDA_DB") ?? throw new InvalidOperationException("Set TUNDA_DB.");
var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var invocations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
var report = new StringBuilder("# Messaging benchmarks\n\n");
report.Append(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Tunda.Messaging.Benchmarks -- {messages} {invocations}` on {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}\n\n");
report.Append("| measurement | result |\n|---|---|\n");

foreach (var nodes in new[] { 1, 2 })
{
    var rate = await QueueRuns.ThroughputAsync(connectionString, messages, nodes);
    report.Append(CultureInfo.InvariantCulture, $"| queue drain (claim, handle in own unit of work, delete), {nodes} node(s), rows pre-inserted | {rate:N0} messages/s |\n");
}

var raw = await QueueRuns.RawAsync(connectionString, messages);
report.Append(CultureInfo.InvariantCulture, $"| raw limit: INSERT then DELETE per row (each autocommitted), 1 connection | {raw:N0} rows/s |\n");

var (p50, p99) = await QueueRuns.InvokeLatencyAsync(connectionString, invocations);
report.Append(CultureInfo.InvariantCulture, $"| InvokeAsync, small aggregate command (load, decide, append 1 event, commit) | p50 {p50:N2} ms, p99 {p99:N2} ms |\n");
var (rawP50, rawP99) = await QueueRuns.RawInvokeLatencyAsync(connectionString, invocations);
report.Append(CultureInfo.InvariantCulture, $"| raw limit: SELECT + INSERT in one transaction | p50 {rawP50:N2} ms, p99 {rawP99:N2} ms |\n");

Console.WriteLine(report);
var path = Path.Combine(FindRepositoryRoot(), "bench", "results", "messaging.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine($"written to {path}");
return 0;

static string FindRepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tunda.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
