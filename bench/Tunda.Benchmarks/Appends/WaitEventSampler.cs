using Npgsql;

namespace Tunda.Benchmarks.Appends;

/// <summary>
/// Samples what this run's server backends are doing (<c>pg_stat_activity</c>, every few milliseconds,
/// while a measured window is open): running on CPU, waiting for a lock, for the WAL flush, or for the
/// client's next statement. pg_stat_statements is not installed here; this shows where an append's
/// server time goes without it.
/// </summary>
internal sealed class WaitEventSampler : IAsyncDisposable
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile bool _open;

    /// <param name="connectionString">The run's connection string: its application name tells which backends are the run's.</param>
    public WaitEventSampler(string connectionString) => _loop = Task.Run(() => LoopAsync(connectionString));

    public int Samples { get; private set; }

    /// <summary>Opens or closes the window; pass to <see cref="TimedRun.RunAsync"/>.</summary>
    public void Window(bool open) => _open = open;

    /// <summary>The share of backend samples in each state, largest first.</summary>
    public IReadOnlyList<(string State, double Share)> Shares()
    {
        lock (_counts)
        {
            var total = Math.Max(1, _counts.Values.Sum());
            return [.. _counts.OrderByDescending(c => c.Value).Select(c => (c.Key, (double)c.Value / total))];
        }
    }

    /// <summary>The top states as text: "CPU 41%, IO:WALSync 22%, ...".</summary>
    public string Summary(int top = 5) =>
        string.Join(", ", Shares().Take(top).Select(s => $"{s.State} {s.Share * 100:0}%"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(string connectionString)
    {
        // Its own connection, with another application name, so that it never samples itself.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "tunda-bench-sampler", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(_stop.Token);
        await using var command = new NpgsqlCommand("""
            SELECT CASE
                WHEN state = 'idle in transaction' THEN 'idle in transaction (client)'
                WHEN wait_event IS NULL THEN 'CPU'
                ELSE wait_event_type || ':' || wait_event END
            FROM pg_stat_activity
            WHERE application_name = $1 AND state IN ('active', 'idle in transaction')
            """, connection);
        command.Parameters.Add(new() { Value = new NpgsqlConnectionStringBuilder(connectionString).ApplicationName ?? string.Empty });
        await command.PrepareAsync(_stop.Token);
        var states = new List<string>();
        while (!_stop.IsCancellationRequested)
        {
            if (_open)
            {
                states.Clear();
                await using (var reader = await command.ExecuteReaderAsync(_stop.Token))
                {
                    while (await reader.ReadAsync(_stop.Token))
                    {
                        states.Add(reader.GetString(0));
                    }
                }

                lock (_counts)
                {
                    foreach (var state in states)
                    {
                        _counts[state] = _counts.GetValueOrDefault(state) + 1;
                    }

                    Samples++;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), _stop.Token);
        }
    }
}
