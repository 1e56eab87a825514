using System.Diagnostics;
using Npgsql;

namespace Tunda.Benchmarks;

/// <summary>One unit of work of a writer (an append, an INSERT), repeated as fast as it completes.</summary>
internal delegate Task WriterStep(CancellationToken cancellationToken);

/// <summary>Makes writer number <c>index</c>, doing any setup (its own stream, say) before timing starts.</summary>
internal delegate Task<WriterStep> WriterFactory(int index, CancellationToken cancellationToken);

internal sealed record TimedRunResult(long Operations, TimeSpan Elapsed, double[] LatenciesMs, ServerCounters Server, CpuUsage Cpu)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double P50 => Stats.Percentile(LatenciesMs, 50);

    public double P99 => Stats.Percentile(LatenciesMs, 99);

    /// <summary>Client plus server CPU per operation in µs; NaN when the server's CPU is not visible.</summary>
    public double CpuMicrosPerOperation => Cpu.Total is { } total && Operations > 0 ? total.TotalMicroseconds / Operations : double.NaN;

    /// <summary>This process's CPU per operation in µs.</summary>
    public double ClientCpuMicrosPerOperation => Operations > 0 ? Cpu.Client.TotalMicroseconds / Operations : double.NaN;

    /// <summary>The server backends' CPU per operation in µs; NaN when not visible.</summary>
    public double ServerCpuMicrosPerOperation => Cpu.Server is { } server && Operations > 0 ? server.TotalMicroseconds / Operations : double.NaN;
}

/// <summary>
/// Runs writers flat out: a warm-up (JIT, pool, first pages), then a measured window. An operation
/// counts when it completes inside the window, wherever it started.
/// </summary>
internal static class TimedRun
{
    private const int WarmingUp = 0;
    private const int Measuring = 1;
    private const int Stopping = 2;

    /// <param name="window">Told true when the measured window opens and false when it closes (a sampler, say).</param>
    public static async Task<TimedRunResult> RunAsync(
        int writers, WriterFactory createWriter, TimeSpan warmup, TimeSpan duration, NpgsqlDataSource server, CancellationToken cancellationToken,
        Action<bool>? window = null)
    {
        var steps = new WriterStep[writers];
        for (var i = 0; i < writers; i++)
        {
            steps[i] = await createWriter(i, cancellationToken);
        }

        var phase = WarmingUp;
        var latencies = Enumerable.Range(0, writers).Select(_ => new List<double>(capacity: 4096)).ToArray();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task Loop(WriterStep step, List<double> measured)
        {
            try
            {
                while (Volatile.Read(ref phase) != Stopping)
                {
                    var started = Stopwatch.GetTimestamp();
                    await step(failed.Token);
                    if (Volatile.Read(ref phase) == Measuring)
                    {
                        measured.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }
            catch
            {
                // One failing writer ends the run for all, and its exception is what gets reported.
                Volatile.Write(ref phase, Stopping);
                await failed.CancelAsync();
                throw;
            }
        }

        var running = Task.WhenAll(steps.Select((step, i) => Task.Run(() => Loop(step, latencies[i]), CancellationToken.None)));
        await WhileRunningAsync(running, warmup);

        var before = await ServerCounters.ReadAsync(server, cancellationToken);
        var cpuBefore = await CpuCounters.ReadAsync(server, cancellationToken);
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref phase, Measuring);
        window?.Invoke(true);
        await WhileRunningAsync(running, duration);
        Volatile.Write(ref phase, Stopping);
        clock.Stop();
        window?.Invoke(false);
        var cpuAfter = await CpuCounters.ReadAsync(server, CancellationToken.None);
        var after = await ServerCounters.ReadAsync(server, CancellationToken.None);

        await running;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new TimedRunResult(all.Length, clock.Elapsed, all, after - before, cpuAfter.Since(cpuBefore));
    }

    /// <summary>Waits <paramref name="time"/>; writers only stop early by failing, and then their exception is thrown here.</summary>
    private static async Task WhileRunningAsync(Task running, TimeSpan time)
    {
        if (await Task.WhenAny(running, Task.Delay(time)) == running)
        {
            await running;
        }
    }
}
