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

/// <summary>One request of client number <c>index</c>; true when the answer was the expected one.</summary>
internal delegate Task<bool> ClientRequest(int index, CancellationToken cancellationToken);

/// <summary>
/// Closed-loop load: every client sends its next request as soon as the previous answer is read,
/// for a warm-up (not counted) and then the measured duration. A request that does not get the
/// expected answer (for a page, anything but 2xx) counts as an error.
/// </summary>
internal static class LoadRun
{
    public static Task<RouteResult> RunAsync(AppProcess app, IReadOnlyList<HttpClient> clients, string route, TimeSpan warmUp, TimeSpan duration)
    {
        var uri = new Uri(route, UriKind.Relative);
        return RunAsync(app, route, clients.Count, async (index, token) =>
        {
            using var response = await clients[index].GetAsync(uri, token);
            await response.Content.ReadAsByteArrayAsync(token);
            return response.IsSuccessStatusCode;
        }, warmUp, duration);
    }

    public static async Task<RouteResult> RunAsync(AppProcess app, string name, int clients, ClientRequest request, TimeSpan warmUp, TimeSpan duration)
    {
        await DriveAsync(clients, request, warmUp, record: null);
        var cpuBefore = app.CpuTime;
        var samples = Enumerable.Range(0, clients).Select(_ => new List<double>()).ToArray();
        var errors = new int[clients];
        var clock = Stopwatch.StartNew();
        await DriveAsync(clients, request, duration, (client, milliseconds, ok) =>
        {
            samples[client].Add(milliseconds);
            if (!ok)
            {
                errors[client]++;
            }
        });
        var elapsed = clock.Elapsed;
        var sorted = samples.SelectMany(s => s).Order().ToArray();
        return new RouteResult(name, clients, sorted.Length, errors.Sum(), elapsed, sorted, app.CpuTime - cpuBefore);
    }

    private static Task DriveAsync(int clients, ClientRequest request, TimeSpan duration, Action<int, double, bool>? record)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, clients).Select(index => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await request(index, CancellationToken.None);
                record?.Invoke(index, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
            }
        })));
    }
}
