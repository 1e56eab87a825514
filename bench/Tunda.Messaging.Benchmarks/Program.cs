using System.Globalization;
using System.Text;
using Tunda.Bench;
using Tunda.Messaging.Benchmarks;

// Messages per second through the durable queue (publish + handle, workers in 1 and 2 OS processes
// of their own), InvokeAsync latency for a small command, and beside each the raw limit: the same
// rows inserted and deleted by plain SQL.
// Usage: dotnet run -c Release --project bench/Tunda.Messaging.Benchmarks [-- messages [invocations]]
// Internal: `worker <schema> <node>` is how the benchmark re-launches itself as a worker process.
var connectionString = Environment.GetEnvironmentVariable("TUNDA_DB") ?? throw new InvalidOperationException("Set TUNDA_DB.");
if (args is ["worker", var workerSchema, var workerNode])
{
    return await WorkerProcess.RunAsync(connectionString, workerSchema, workerNode);
}

var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var invocations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
// Several publishers, as several web requests would publish at once; one would measure round trips only.
const int publishers = 8;

var report = new StringBuilder("# Messaging benchmarks\n\n");
report.Append(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Tunda.Messaging.Benchmarks -- {messages} {invocations}`, {DateTime.UtcNow:u}\n\n");
report.Append(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores (benchmark, worker processes and PostgreSQL share them), {await BenchEnvironment.DescribeServerAsync(connectionString)}.\n\n");
report.Append(CultureInfo.InvariantCulture, $"Queue runs: {messages:N0} messages published by {publishers} concurrent tasks with `bus.PublishAsync` (one transaction each); ");
report.Append("each worker process runs one `MessageWorker` (one handler loop, batches of 50, no-op handler), started and listening before the clock starts. ");
report.Append("End-to-end is first publish to queue empty (every row handled and deleted); publish is first to last `PublishAsync` returning.\n\n");
report.Append("| measurement | result |\n|---|---|\n");

var publishOnly = await QueueRuns.ThroughputAsync(connectionString, messages, 0, publishers);
report.Append(CultureInfo.InvariantCulture, $"| publish only (no worker running) | {publishOnly.PublishedPerSecond:N0} messages/s |\n");
foreach (var processes in new[] { 1, 2 })
{
    var run = await QueueRuns.ThroughputAsync(connectionString, messages, processes, publishers);
    report.Append(CultureInfo.InvariantCulture, $"| publish + handle, {processes} worker process(es): end-to-end | {run.HandledPerSecond:N0} messages/s |\n");
    report.Append(CultureInfo.InvariantCulture, $"| publish + handle, {processes} worker process(es): publish phase, while workers drain | {run.PublishedPerSecond:N0} messages/s |\n");
}

var raw = await QueueRuns.RawAsync(connectionString, messages);
report.Append(CultureInfo.InvariantCulture, $"| raw limit: per row an INSERT then a DELETE by id, each autocommitted, 1 connection | {raw:N0} rows/s |\n");

var (p50, p99) = await InvokeRuns.InvokeLatencyAsync(connectionString, invocations);
report.Append(CultureInfo.InvariantCulture, $"| InvokeAsync, small aggregate command (load, decide, append 1 event, commit), sequential | p50 {p50:N2} ms, p99 {p99:N2} ms |\n");
var (rawP50, rawP99) = await InvokeRuns.RawInvokeLatencyAsync(connectionString, invocations);
report.Append(CultureInfo.InvariantCulture, $"| raw limit: SELECT + INSERT in one transaction | p50 {rawP50:N2} ms, p99 {rawP99:N2} ms |\n");

Console.WriteLine(report);
var path = Path.Combine(BenchEnvironment.FindRepositoryRoot(), "bench", "results", "messaging.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine($"written to {path}");
return 0;
