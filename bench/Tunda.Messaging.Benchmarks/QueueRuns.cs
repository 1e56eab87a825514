using System.Diagnostics;
using Npgsql;

namespace Tunda.Messaging.Benchmarks;

internal static class QueueRuns
{
    /// <summary>Publishes in one transaction, then times the nodes draining the queue.</summary>
    public static async Task<double> ThroughputAsync(string connectionString, int messages, int nodes)
    {
        var schema = $"bench_msg_{Guid.NewGuid():N}";
        await using var publisher = await BenchBus.OpenAsync(connectionString, schema, migrate: true);
        try
        {
            await using (var connection = await publisher.Store.DataSource.OpenConnectionAsync())
            await using (var insert = new NpgsqlCommand($"INSERT INTO {schema}.messages (id, type, body) SELECT gen_random_uuid(), 'work', jsonb_build_object('n', n) FROM generate_series(1, $1) n", connection))
            {
                insert.Parameters.Add(new() { Value = messages });
                await insert.ExecuteNonQueryAsync();
            }

            var buses = new List<BenchBus>();
            for (var i = 0; i < nodes; i++)
            {
                buses.Add(await BenchBus.OpenAsync(connectionString, schema, migrate: false));
            }

            var clock = Stopwatch.StartNew();
            var workers = buses.Select((b, i) => b.Bus.CreateWorker($"bench-node-{i}")).ToList();
            foreach (var worker in workers)
            {
                await worker.StartAsync();
            }

            while ((await publisher.Bus.Queue.StatusAsync()) is { Ready: > 0 } or { Claimed: > 0 })
            {
                await Task.Delay(10);
            }

            var elapsed = clock.Elapsed;
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            foreach (var bus in buses)
            {
                await bus.DisposeAsync();
            }

            return messages / elapsed.TotalSeconds;
        }
        finally
        {
            await DropAsync(connectionString, schema);
        }
    }

    public static async Task<double> RawAsync(string connectionString, int rows)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE raw_queue (id uuid PRIMARY KEY, body jsonb)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rows; i++)
        {
            var id = Guid.NewGuid();
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new("INSERT INTO raw_queue VALUES ($1, '{}')") { Parameters = { new() { Value = id } } } },
            };
            await batch.ExecuteNonQueryAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM raw_queue WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
            await delete.ExecuteNonQueryAsync();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

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
            await DropAsync(connectionString, schema);
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

    private static async Task DropAsync(string connectionString, string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
