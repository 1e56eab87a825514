using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Tunda.Benchmarks;

/// <summary>CPU used over a measurement by this process and by the server's processes.</summary>
internal readonly record struct CpuUsage(TimeSpan Client, TimeSpan? Server)
{
    /// <summary>Client plus server, or null when the server's processes are not visible here.</summary>
    public TimeSpan? Total => Server is { } server ? Client + server : null;
}

/// <summary>
/// A reading of the CPU time of this process and of the PostgreSQL server's processes (from /proc,
/// so only when the server runs on this machine). On a machine shared with other work, throughput
/// swings with the neighbours' load while the CPU an append costs stays put, so the two sides of
/// a comparison are also compared by CPU per event.
/// </summary>
internal sealed class CpuCounters
{
    // USER_HZ, the unit of utime and stime in /proc/<pid>/stat, is 100 on every Linux .NET runs on.
    private const double TicksPerSecond = 100;

    private readonly TimeSpan _client;
    private readonly Dictionary<int, double>? _serverTicks;

    private CpuCounters(TimeSpan client, Dictionary<int, double>? serverTicks)
    {
        _client = client;
        _serverTicks = serverTicks;
    }

    public static async Task<CpuCounters> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var pids = new List<int>();
        // Only this run's backends (they share its application name), not the other work on the server.
        await using (var command = dataSource.CreateCommand("SELECT pid FROM pg_stat_activity WHERE application_name = current_setting('application_name')"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        using var self = Process.GetCurrentProcess();
        return new CpuCounters(self.TotalProcessorTime, OperatingSystem.IsLinux() ? ReadTicks(pids) : null);
    }

    /// <summary>
    /// What was used since <paramref name="before"/>. A server process present in both readings counts
    /// its difference; one that appeared in between (a connection opened during the window) counts
    /// all its time. One that ended in between is missed: the pools keep their connections open.
    /// </summary>
    public CpuUsage Since(CpuCounters before)
    {
        TimeSpan? server = null;
        if (_serverTicks is not null && before._serverTicks is not null)
        {
            var ticks = _serverTicks.Sum(p => p.Value - before._serverTicks.GetValueOrDefault(p.Key));
            server = TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }

        return new CpuUsage(_client - before._client, server);
    }

    // Null when any process cannot be read: the server is then elsewhere (another host or container).
    private static Dictionary<int, double>? ReadTicks(IReadOnlyList<int> pids)
    {
        var ticks = new Dictionary<int, double>();
        foreach (var pid in pids)
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            // The command name in parentheses may hold spaces; after it come field 3 (state) onwards,
            // so utime and stime (fields 14 and 15) are the 12th and 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            ticks[pid] = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        return ticks;
    }
}
