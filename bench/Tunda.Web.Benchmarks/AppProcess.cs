using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tunda.Web.Benchmarks;

/// <summary>
/// The published-like app (Release build of Tunda.Web) in a process of its own on a free loopback
/// port, in a schema of its own with the demo data seeded, as `./tunda run` would serve it.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _connectionString;
    private readonly string _mailFolder;

    private AppProcess(Process process, Uri address, string connectionString, string schema, string mailFolder)
    {
        _process = process;
        Address = address;
        _connectionString = connectionString;
        Schema = schema;
        _mailFolder = mailFolder;
    }

    public Uri Address { get; }

    public string Schema { get; }

    /// <summary>From starting the process to the first 200 from /health (a fresh schema: its tables are created on the way).</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>The folder the app's mail lands in (Development's pickup folder).</summary>
    public string MailFolder => _mailFolder;

    /// <summary>CPU time the app process has used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<AppProcess> StartAsync(string repositoryRoot, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var assembly = Path.Combine(repositoryRoot, "src", "Tunda.Web", "bin", "Release", "net10.0", "Tunda.Web.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build it first (dotnet build -c Release src/Tunda.Web), as `./tunda bench web` does.");
        }

        var schema = $"bench_web_{Guid.NewGuid():N}"[..24];
        var mailFolder = Directory.CreateTempSubdirectory("tunda-bench-mail").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", address.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";   // the demo seed runs only there
        environment["TUNDA_DB"] = connectionString;
        environment["Tunda__Schema"] = schema;
        environment["Tunda__Demo__Seed"] = "true";
        environment["Tunda__PublicBaseUrl"] = address.ToString();
        environment["Tunda__Mail__PickupFolder"] = mailFolder;
        environment["Tunda__RateLimits__login__PermitLimit"] = "1000000";
        environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var starting = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine($"[app] {line.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, address, connectionString, schema, mailFolder);
        await app.WaitUntilHealthyAsync();
        app.StartedIn = starting.Elapsed;
        return app;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the app exited with {_process.ExitCode} while starting");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the app was not healthy within 2 minutes");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_mailFolder, recursive: true);
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
