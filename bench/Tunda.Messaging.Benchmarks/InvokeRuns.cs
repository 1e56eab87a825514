using System.Diagnostics;
using Npgsql;

namespace Tunda.Messaging.Benchmarks;

/// <summary>InvokeAsync latency for a small aggregate command, and the same shape in plain SQL.</summary>
internal static class InvokeRuns
{
    public static async Task<(double P50, double P99)> InvokeLatencyAsync(string connectionString, int invocations)
    {
        var schema = $"bench_msg_{Guid.NewGuid():N}";
        await using var bench = await BenchBus.OpenAsync(connectionString, schema, migrate: true);
        try
        {
            var streams = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToArray();
            var timings = new List<double>(invocations);
            for (var i = 0; i < invocations; i++)
            {
                var clock = Stopwatch.StartNew();
                await bench.Bus.InvokeAsync(new Note(streams[i % streams.Length], i));
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }

            return Percentiles(timings);
        }
        finally
        {
            await BenchBus.DropAsync(connectionString, schema);
        }
    }

    public static async Task<(double P50, double P99)> RawInvokeLatencyAsync(string connectionString, int invocations)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_raw_events (id bigserial PRIMARY KEY, stream uuid, data jsonb)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var timings = new List<double>(invocations);
        for (var i = 0; i < invocations; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var stream = Guid.NewGuid();
            await using (var read = new NpgsqlCommand("SELECT count(*) FROM bench_raw_events WHERE stream = $1", connection, transaction) { Parameters = { new() { Value = stream } } })
            {
                await read.ExecuteScalarAsync();
            }

            await using (var write = new NpgsqlCommand("INSERT INTO bench_raw_events (stream, data) VALUES ($1, '{}')", connection, transaction) { Parameters = { new() { Value = stream } } })
            {
                await write.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        await using (var drop = dataSource.CreateCommand("DROP TABLE bench_raw_events"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return Percentiles(timings);
    }

    private static (double P50, double P99) Percentiles(List<double> timings)
    {
        timings.Sort();
        return (timings[timings.Count / 2], timings[Math.Min(timings.Count - 1, (int)(timings.Count * 0.99))]);
    }
}
