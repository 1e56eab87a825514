using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// The app as a separate OS process (<c>dotnet Tunda.Web.dll</c>, the build next to the tests) on the
/// test database, configured through the environment like a deployment is, serving on a port of its
/// own choosing. It can be killed like a crashed server: no shutdown, no goodbye to the other nodes.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    /// <summary>Where it serves HTTP.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>What it wrote so far, for a failure message.</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public static async Task<WorkerProcess> StartAsync(string schema, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tunda.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["TUNDA_DB"] = TestDatabase.ConnectionString;
        start.Environment["Tunda__Schema"] = schema;
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        worker._process.EnableRaisingEvents = true;
        worker._process.Exited += (_, _) => worker._listening.TrySetException(new InvalidOperationException("The worker exited:\n" + worker.Output));
        worker._process.OutputDataReceived += (_, line) => worker.Read(line.Data);
        worker._process.ErrorDataReceived += (_, line) => worker.Read(line.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        try
        {
            worker.Address = await worker._listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await worker.DisposeAsync();
            throw new InvalidOperationException("The worker did not start serving:\n" + worker.Output, e);
        }

        return worker;
    }

    /// <summary>Ends it at once, as a power cut or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
