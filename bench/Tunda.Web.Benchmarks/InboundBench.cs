using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Tunda.Bench;

namespace Tunda.Web.Benchmarks;

/// <summary>
/// Intake through <c>POST /api/inbound/mail</c>: the Release app in its own process, N clients posting
/// distinct messages (<see cref="BenchMail"/>) as fast as the answers come. Measures the rate at which
/// messages are stored and queued (202), the latency of each POST, and how long the app's worker takes
/// to process them all (parse, classify, event), which runs meanwhile on the same cores.
/// Usage: ./tunda bench web --inbound [--clients 8] [--messages 2000]
/// </summary>
internal static class InboundBench
{
    public const string Heading = "## Intake through POST /api/inbound/mail";
    private const string Token = "bench-inbound-token";

    public static async Task<int> RunAsync(string root, string connectionString, int clients, int messages)
    {
        await using var app = await AppProcess.StartAsync(root, connectionString, new Dictionary<string, string> { ["Tunda__Inbound__HttpToken"] = Token });
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var run = Guid.NewGuid().ToString("N")[..8];
        var warmUp = Enumerable.Range(0, 200).Select(i => BenchMail.Message(i, run + "w")).ToArray();
        var corpus = Enumerable.Range(0, messages).Select(i => BenchMail.Message(i, run)).ToArray();

        await PostAllAsync(http, warmUp, clients, null);
        await WaitProcessedAsync(connectionString, app.Schema, TimeSpan.FromMinutes(5));

        var cpuBefore = app.CpuTime;
        var latencies = new double[messages];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await PostAllAsync(http, corpus, clients, (index, milliseconds, ok) =>
        {
            latencies[index] = milliseconds;
            if (!ok)
            {
                Interlocked.Increment(ref errors);
            }
        });
        var stored = clock.Elapsed;
        var drained = await WaitProcessedAsync(connectionString, app.Schema, TimeSpan.FromMinutes(10)) ? clock.Elapsed : (TimeSpan?)null;
        var appCpu = app.CpuTime - cpuBefore;
        var outcome = await OutcomeAsync(connectionString, app.Schema);

        Array.Sort(latencies);
        var bytes = corpus.Sum(m => (long)m.Length);
        var report = new StringBuilder(Heading).Append("\n\n");
        report.Append(CultureInfo.InvariantCulture, $"`./tunda bench web --inbound --clients {clients} --messages {messages}`, {DateTime.UtcNow:u}\n\n");
        report.Append(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores shared by the load generator, the app (Release, one process, its worker processing meanwhile) and {await BenchEnvironment.DescribeServerAsync(connectionString)}.\n\n");
        report.Append(CultureInfo.InvariantCulture, $"{messages} distinct messages ({bytes / 1024.0 / messages:N1} KB on average: 60 % plain text, 25 % text + HTML, 10 % with a 40 KB PDF, 5 % auto-replies), {clients} clients in a closed loop after 200 warm-up messages. ");
        report.Append("\"Stored\" is the 202 answer: raw bytes, SHA-256 and the queue message committed. \"Processed\" is until the worker has parsed, classified and recorded every one (status no longer queued).\n\n");
        report.Append("| clients | messages | stored/s | MB/s | p50 ms | p99 ms | max ms | errors | processed/s (all done after) | app CPU ms/message |\n|---|---|---|---|---|---|---|---|---|---|\n");
        report.Append(CultureInfo.InvariantCulture,
            $"| {clients} | {messages} | {messages / stored.TotalSeconds:N0} | {bytes / 1048576.0 / stored.TotalSeconds:N1} | {Percentile(latencies, 50):N1} | {Percentile(latencies, 99):N1} | {Percentile(latencies, 100):N1} | {errors} | ");
        report.Append(drained is { } done ? string.Create(CultureInfo.InvariantCulture, $"{messages / done.TotalSeconds:N0} ({done.TotalSeconds:N1} s)") : "not drained in 10 min");
        report.Append(CultureInfo.InvariantCulture, $" | {appCpu.TotalMilliseconds / messages:N2} |\n\n");
        report.Append(CultureInfo.InvariantCulture, $"Outcome of the measured messages: {outcome}. ");
        report.Append("Processing runs on Wolverine's durable local queue, each message in its own committed transaction, so processing trails intake; a burst waits in the durable queue.\n");

        Console.WriteLine(report);
        var path = Path.Combine(root, "bench", "results", "mail.md");
        await File.WriteAllTextAsync(path, KeepBefore(path) + report);
        Console.WriteLine($"written to {path} (under \"{Heading}\")");
        return errors > 0 || drained is null ? 1 : 0;
    }

    /// <summary>Whatever the file holds above our heading (the parse benchmark's part) stays.</summary>
    private static string KeepBefore(string path)
    {
        if (!File.Exists(path))
        {
            return "# Mail benchmarks\n\n";
        }

        var existing = File.ReadAllText(path);
        var at = existing.IndexOf(Heading, StringComparison.Ordinal);
        var before = at < 0 ? existing : existing[..at];
        return before.TrimEnd() + "\n\n";
    }

    private static Task PostAllAsync(HttpClient http, byte[][] corpus, int clients, Action<int, double, bool>? record)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < corpus.Length)
            {
                using var content = new ByteArrayContent(corpus[index]);
                content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(new Uri("/api/inbound/mail", UriKind.Relative), content);
                await response.Content.ReadAsByteArrayAsync();
                record?.Invoke(index, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.StatusCode == System.Net.HttpStatusCode.Accepted);
            }
        })));
    }

    private static async Task<bool> WaitProcessedAsync(string connectionString, string schema, TimeSpan timeout)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {schema}.inbound_mail WHERE status = 'queued'");
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<string> OutcomeAsync(string connectionString, string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"SELECT status, count(*) FROM {schema}.inbound_mail GROUP BY status ORDER BY status");
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(1)} {reader.GetString(0)}"));
        }

        return parts.Count == 0 ? "nothing stored" : string.Join(", ", parts) + " (warm-up included)";
    }

    private static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
