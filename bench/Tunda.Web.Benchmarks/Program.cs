using System.Globalization;
using System.Text;
using Tunda.Bench;
using Tunda.Web.Benchmarks;

// Page latency under load: the Release app in its own process with the demo data, N browsers of the
// demo customer (each its own session) requesting one route at a time in a closed loop.
// Usage: ./tunda bench web [--clients 16] [--seconds 20]   (builds src/Tunda.Web in Release first)
// With --inbound: mail intake through POST /api/inbound/mail instead (InboundBench, bench/results/mail.md).
// With --use-case [--label text]: PUT /api/profile end to end, one customer per client (UseCaseBench);
// with --startup [--runs 5] [--label text]: process start to the first 200 from /health (StartupBench);
// both append a section to bench/results/web-end-to-end.md.
// With --helpdesk [--tickets 100000] [--clients 50] [--seconds 20] [--mails 1000]: the staff inbox, the
// customer's ticket list and mail to ticket (HelpdeskBench, bench/results/helpdesk.md).
var connectionString = Environment.GetEnvironmentVariable("TUNDA_DB") ?? throw new InvalidOperationException("Set TUNDA_DB.");
if (args.Contains("--inbound"))
{
    return await InboundBench.RunAsync(BenchEnvironment.FindRepositoryRoot(), connectionString, Option("--clients", 8), Option("--messages", 2000));
}

if (args.Contains("--helpdesk"))
{
    return await HelpdeskBench.RunAsync(BenchEnvironment.FindRepositoryRoot(), connectionString, Option("--tickets", 100_000), Option("--clients", 50), Option("--seconds", 20), Option("--mails", 1000));
}

var endToEnd = Path.Combine(BenchEnvironment.FindRepositoryRoot(), "bench", "results", "web-end-to-end.md");
if (args.Contains("--use-case"))
{
    return await UseCaseBench.RunAsync(BenchEnvironment.FindRepositoryRoot(), connectionString, Option("--clients", 16), Option("--seconds", 20), Text("--label", "this checkout"), endToEnd);
}

if (args.Contains("--startup"))
{
    return await StartupBench.RunAsync(BenchEnvironment.FindRepositoryRoot(), connectionString, Option("--runs", 5), Text("--label", "this checkout"), endToEnd);
}

var clients = Option("--clients", 16);
var seconds = Option("--seconds", 20);
var warmUp = TimeSpan.FromSeconds(Math.Min(5, seconds));
string[] anonymousRoutes = ["/accedi"];
string[] signedInRoutes = ["/area-clienti", "/contatti", "/profilo", "/api/me", "/api/contacts"];

var root = BenchEnvironment.FindRepositoryRoot();
await using var app = await AppProcess.StartAsync(root, connectionString);
var anonymous = Enumerable.Range(0, clients).Select(_ => SignedInClients.Anonymous(app.Address)).ToList();
var signedIn = new List<HttpClient>();
foreach (var _ in Enumerable.Range(0, clients))
{
    signedIn.Add(await SignedInClients.SignInAsync(app.Address));
}

var results = new List<RouteResult>();
foreach (var route in anonymousRoutes)
{
    results.Add(await LoadRun.RunAsync(app, anonymous, route, warmUp, TimeSpan.FromSeconds(seconds)));
}

foreach (var route in signedInRoutes)
{
    results.Add(await LoadRun.RunAsync(app, signedIn, route, warmUp, TimeSpan.FromSeconds(seconds)));
}

var report = new StringBuilder("# Page latency under load\n\n");
report.Append(CultureInfo.InvariantCulture, $"`./tunda bench web --clients {clients} --seconds {seconds}`, {DateTime.UtcNow:u}\n\n");
report.Append(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores shared by the load generator, the app (Release, Development environment for the demo data, one process) and {await BenchEnvironment.DescribeServerAsync(connectionString)}.\n\n");
report.Append(CultureInfo.InvariantCulture, $"Each route alone: {clients} clients in a closed loop (next request as soon as the answer is read), {warmUp.TotalSeconds:0} s warm-up, then {seconds} s measured. ");
report.Append("Signed-in routes use the demo customer's main account, one server-side session per client: every request re-reads the session and the account from PostgreSQL. ");
report.Append("App CPU is the app process's CPU time during the measured window divided by the requests served.\n\n");
report.Append("| route | clients | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | app CPU ms/request |\n|---|---|---|---|---|---|---|---|---|\n");
foreach (var result in results)
{
    report.Append(CultureInfo.InvariantCulture,
        $"| `{result.Route}` | {result.Clients} | {result.RequestsPerSecond:N0} | {result.Percentile(50):N1} | {result.Percentile(95):N1} | {result.Percentile(99):N1} | {result.Percentile(100):N1} | {result.Errors} | {result.CpuMillisecondsPerRequest:N2} |\n");
}

Console.WriteLine(report);
var path = Path.Combine(root, "bench", "results", "web.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine($"written to {path}");
return results.Any(r => r.Errors > 0) ? 1 : 0;

string Text(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
