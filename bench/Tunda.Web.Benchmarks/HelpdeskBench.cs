using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using OtpNet;
using Tunda.Bench;

namespace Tunda.Web.Benchmarks;

/// <summary>
/// The helpdesk under load: the staff inbox with N tickets and many concurrent agents, the
/// customer's ticket list, and mail turned into tickets end to end.
/// Usage: ./tunda bench web --helpdesk [--tickets 100000] [--clients 50] [--seconds 20] [--mails 1000]
/// </summary>
internal static partial class HelpdeskBench
{
    private const string Token = "bench-helpdesk-token";
    private const string StaffTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static async Task<int> RunAsync(string root, string connectionString, int tickets, int clients, int seconds, int mails)
    {
        await using var app = await AppProcess.StartAsync(root, connectionString, new Dictionary<string, string>
        {
            ["Tunda__Inbound__HttpToken"] = Token,
            ["Tunda__RateLimits__ticket__PermitLimit"] = "1000000",
        });
        var customers = new List<HttpClient>();
        foreach (var _ in Enumerable.Range(0, Math.Min(clients, 16)))
        {
            customers.Add(await SignedInClients.SignInAsync(app.Address));
        }

        var seeding = Stopwatch.StartNew();
        await TicketSeed.SeedAsync(connectionString, app.Schema, tickets);
        var appended = seeding.Elapsed;
        await WaitForAsync(connectionString, $"SELECT count(*) FROM {app.Schema}.mt_doc_ticketinboxrow", tickets, TimeSpan.FromMinutes(20));
        var projected = seeding.Elapsed;

        var session = await StaffSessionAsync(app.Address);
        var agents = Enumerable.Range(0, clients).Select(_ => WithCookie(app.Address, session)).ToList();
        var warmUp = TimeSpan.FromSeconds(Math.Min(5, seconds));
        var duration = TimeSpan.FromSeconds(seconds);
        var results = new List<RouteResult>();
        foreach (var route in new[] { "/staff/ticket", "/staff/ticket?coda=attesa&ordine=attesa", "/staff/ticket?coda=libere&reparto=technical&pagina=3", "/staff/ticket?coda=mie" })
        {
            results.Add(await LoadRun.RunAsync(app, agents, route, warmUp, duration));
        }

        foreach (var route in new[] { "/area-clienti/ticket", "/api/tickets" })
        {
            results.Add(await LoadRun.RunAsync(app, customers, route, warmUp, duration));
        }

        var (mailSeconds, mailCpu) = await MailToTicketsAsync(app, connectionString, mails);
        var report = new StringBuilder("# Helpdesk under load\n\n");
        report.Append(CultureInfo.InvariantCulture, $"`./tunda bench web --helpdesk --tickets {tickets} --clients {clients} --seconds {seconds} --mails {mails}`, {DateTime.UtcNow:u}\n\n");
        report.Append(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores shared by the load generator, the app (Release, one process) and {await BenchEnvironment.DescribeServerAsync(connectionString)}.\n\n");
        report.Append(CultureInfo.InvariantCulture, $"{tickets:N0} tickets ({TicketSeed.CustomerShare} of them the demo customer's; a third answered, a fifth closed, a tenth assigned) appended through Tunda's Marten configuration in {appended.TotalSeconds:N0} s; the app's daemon had the inbox built {projected.TotalSeconds:N0} s after the start.\n\n");
        report.Append(CultureInfo.InvariantCulture, $"Staff routes: {clients} concurrent agents in a closed loop on the demo administrator's session (the TOTP replay guard allows one sign-in per 30 s step; every request re-reads the session from PostgreSQL either way). Customer routes: {customers.Count} sessions of the demo customer. {warmUp.TotalSeconds:0} s warm-up, {seconds} s measured per route.\n\n");
        report.Append("| route | clients | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | app CPU ms/request |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var result in results)
        {
            report.Append(CultureInfo.InvariantCulture,
                $"| `{result.Route}` | {result.Clients} | {result.RequestsPerSecond:N0} | {result.Percentile(50):N1} | {result.Percentile(95):N1} | {result.Percentile(99):N1} | {result.Percentile(100):N1} | {result.Errors} | {result.CpuMillisecondsPerRequest:N2} |\n");
        }

        report.Append(CultureInfo.InvariantCulture, $"\nMail to ticket: {mails} distinct mails from the demo customer's registered address to assistenza@, posted through `POST /api/inbound/mail` by 8 clients; from the first post until every one is a ticket (stored, parsed, classified, routed, attached, acknowledged within the per-address limit): **{mails / mailSeconds:N0} mails/s** ({mailSeconds:N1} s, app CPU {mailCpu.TotalMilliseconds / mails:N2} ms/mail).\n");
        Console.WriteLine(report);
        var path = Path.Combine(root, "bench", "results", "helpdesk.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine($"written to {path}");
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    private static async Task<(double Seconds, TimeSpan Cpu)> MailToTicketsAsync(AppProcess app, string connectionString, int mails)
    {
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var run = Guid.NewGuid().ToString("N")[..8];
        var cpu = app.CpuTime;
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < mails)
            {
                using var content = new ByteArrayContent(Mail(run, index));
                content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
                using var response = await http.PostAsync(new Uri("/api/inbound/mail", UriKind.Relative), content);
            }
        })));
        await WaitForAsync(connectionString, $"SELECT count(*) FROM {app.Schema}.mt_doc_ticketmailreference WHERE id LIKE 'mail:%'", mails, TimeSpan.FromMinutes(20));
        return (clock.Elapsed.TotalSeconds, app.CpuTime - cpu);
    }

    private static byte[] Mail(string run, int index) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"""
        From: Mario Rossi <demo@tunda.localhost>
        To: Assistenza <assistenza@tunda.localhost>
        Subject: Richiesta {index}: casella piena
        Date: Tue, 08 Dec 2026 09:00:00 +0100
        Message-ID: <{run}.{index}@bench.example.it>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        La casella info@ è piena da stamattina: potete aumentarne lo spazio? Richiesta numero {index}.
        """).ReplaceLineEndings("\r\n"));

    /// <summary>The demo administrator signed in through the pages: password, then the authenticator's code.</summary>
    private static async Task<Cookie> StaffSessionAsync(Uri address)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        await PostFormAsync(client, "/staff/accedi", [new("Input.Email", "admin@tunda.localhost"), new("Input.Password", "Staff-password-2026!")]);
        var code = new Totp(Base32Encoding.ToBytes(StaffTotpSecret)).ComputeTotp(DateTime.UtcNow);
        var verified = await PostFormAsync(client, "/staff/accedi/verifica", [new("Input.Code", code)]);
        if (verified.Headers.Location?.OriginalString != "/staff")
        {
            throw new InvalidOperationException($"staff sign-in answered {(int)verified.StatusCode} {verified.Headers.Location}");
        }

        return cookies.GetAllCookies().Single(c => c.Name.Contains("session", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, KeyValuePair<string, string>[] fields)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var token = WebUtility.HtmlDecode(TokenInput().Match(html).Groups[1].Value);
        return await client.PostAsync(new Uri(page, UriKind.Relative), new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    private static HttpClient WithCookie(Uri address, Cookie session)
    {
        var client = SignedInClients.Anonymous(address);
        var handlerCookies = new CookieContainer();
        handlerCookies.Add(address, new Cookie(session.Name, session.Value));
        return new HttpClient(new SocketsHttpHandler { CookieContainer = handlerCookies, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = address,
            Timeout = client.Timeout,
        };
    }

    private static async Task WaitForAsync(string connectionString, string countSql, long expected, TimeSpan timeout)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                await using var command = dataSource.CreateCommand(countSql);
                if ((long)(await command.ExecuteScalarAsync())! >= expected)
                {
                    return;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // the table appears with the first document
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{countSql} did not reach {expected} within {timeout}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
