using System.Diagnostics;

namespace Tunda.Web.Benchmarks;

/// <summary>What <see cref="LoadRun.RunAsync"/> measured for one route.</summary>
internal sealed record RouteResult(string Route, int Clients, int Requests, int Errors, TimeSpan Elapsed, double[] SortedMilliseconds, TimeSpan AppCpu)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double Percentile(double percent)
    {
        if (SortedMilliseconds.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * SortedMilliseconds.Length);
        return SortedMilliseconds[Math.Clamp(rank - 1, 0, SortedMilliseconds.Length - 1)];
    }

    /// <summary>App CPU per request, in milliseconds: what one page costs the server whatever the load.</summary>
    public double CpuMillisecondsPerRequest => Requests == 0 ? double.NaN : AppCpu.TotalMilliseconds / Requests;
}

/// <summary>
/// Closed-loop load: every client sends its next request as soon as the previous answer is read,
/// for a warm-up (not counted) and then the measured duration. A non-200 answer counts as an error.
/// </summary>
internal static class LoadRun
{
    public static async Task<RouteResult> RunAsync(AppProcess app, IReadOnlyList<HttpClient> clients, string route, TimeSpan warmUp, TimeSpan duration)
    {
        await DriveAsync(clients, route, warmUp, record: null);
        var cpuBefore = app.CpuTime;
        var samples = clients.Select(_ => new List<double>()).ToArray();
        var errors = new int[clients.Count];
        var clock = Stopwatch.StartNew();
        await DriveAsync(clients, route, duration, (client, milliseconds, ok) =>
        {
            samples[client].Add(milliseconds);
            if (!ok)
            {
                errors[client]++;
            }
        });
        var elapsed = clock.Elapsed;
        var sorted = samples.SelectMany(s => s).Order().ToArray();
        return new RouteResult(route, clients.Count, sorted.Length, errors.Sum(), elapsed, sorted, app.CpuTime - cpuBefore);
    }

    private static Task DriveAsync(IReadOnlyList<HttpClient> clients, string route, TimeSpan duration, Action<int, double, bool>? record)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            var uri = new Uri(route, UriKind.Relative);
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(uri);
                await response.Content.ReadAsByteArrayAsync();
                record?.Invoke(index, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode);
            }
        })));
    }
}
