using System.Diagnostics;

namespace Tunda.Messaging.Benchmarks;

/// <summary>
/// A worker node in an OS process of its own, as a second app instance would be: the benchmark
/// re-launches its own executable with <c>worker &lt;schema&gt; &lt;node&gt;</c> (TUNDA_DB is inherited).
/// The child says "ready" on stdout once its worker listens, and stops when its stdin closes, so a
/// parent that dies (or forgets) never leaves a worker running.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const string Ready = "ready";
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    /// <summary>Child side: runs one MessageWorker until stdin closes.</summary>
    public static async Task<int> RunAsync(string connectionString, string schema, string node)
    {
        await using var bench = await BenchBus.OpenAsync(connectionString, schema, migrate: false);
        await using var worker = bench.Bus.CreateWorker(node);
        await worker.StartAsync();
        Console.WriteLine(Ready);
        while (await Console.In.ReadLineAsync() is not null)
        {
            // Nothing is sent on stdin; end of input is the stop signal.
        }

        return 0;
    }

    /// <summary>Parent side: starts a worker process and waits until its worker is listening.</summary>
    public static async Task<WorkerProcess> StartAsync(string schema, string node)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("No process path."))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Run as `dotnet Tunda.Messaging.Benchmarks.dll`, the host needs the assembly path first.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("worker");
        start.ArgumentList.Add(schema);
        start.ArgumentList.Add(node);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a worker process.");
        var worker = new WorkerProcess(process);
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != Ready)
        {
            await worker.DisposeAsync();
            throw new InvalidOperationException($"Worker {node} did not start: {line}");
        }

        return worker;
    }

    /// <summary>Closes stdin (the stop signal) and waits; kills the process if it does not leave.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
