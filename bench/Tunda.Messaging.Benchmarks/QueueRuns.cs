using System.Diagnostics;
using Npgsql;
using Tunda.Messaging.Queue;

namespace Tunda.Messaging.Benchmarks;

/// <summary>Publish rate and end-to-end rate (first publish to last handled) of one queue run.</summary>
internal sealed record QueueRun(double PublishedPerSecond, double HandledPerSecond);

internal static class QueueRuns
{
    /// <summary>
    /// Starts <paramref name="workerProcesses"/> worker processes on a fresh schema, then
    /// <paramref name="publishers"/> concurrent tasks publish <paramref name="messages"/> through
    /// bus.PublishAsync (one transaction per message, as a web request would) while the workers drain.
    /// With no worker process only the publish rate is measured.
    /// </summary>
    public static async Task<QueueRun> ThroughputAsync(string connectionString, int messages, int workerProcesses, int publishers)
    {
        var schema = $"bench_msg_{Guid.NewGuid():N}";
        var workers = new List<WorkerProcess>();
        try
        {
            await using var publisher = await BenchBus.OpenAsync(connectionString, schema, migrate: true);
            for (var i = 0; i < workerProcesses; i++)
            {
                workers.Add(await WorkerProcess.StartAsync(schema, $"bench-node-{i}"));
            }

            var clock = Stopwatch.StartNew();
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, publishers).Select(_ => Task.Run(async () =>
            {
                for (var n = Interlocked.Increment(ref next); n <= messages; n = Interlocked.Increment(ref next))
                {
                    await publisher.Bus.PublishAsync(new Work(n));
                }
            })));
            var published = clock.Elapsed;
            if (workerProcesses == 0)
            {
                return new QueueRun(messages / published.TotalSeconds, double.NaN);
            }

            // A handler deletes its row in the transaction that handles it, so an empty queue (once
            // everything is published) means every message was handled.
            QueueStatus status;
            while ((status = await publisher.Bus.Queue.StatusAsync()) is { Ready: > 0 } or { Claimed: > 0 } or { Scheduled: > 0 })
            {
                await Task.Delay(5);
            }

            var handled = clock.Elapsed;
            if (status.DeadLetters > 0)
            {
                throw new InvalidOperationException($"{status.DeadLetters} messages were dead-lettered.");
            }

            return new QueueRun(messages / published.TotalSeconds, messages / handled.TotalSeconds);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            await BenchBus.DropAsync(connectionString, schema);
        }
    }

    /// <summary>The raw limit: per row, one autocommitted INSERT then one autocommitted DELETE by id, on one connection.</summary>
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
            await using (var insert = new NpgsqlCommand("INSERT INTO raw_queue VALUES ($1, '{}')", connection) { Parameters = { new() { Value = id } } })
            {
                await insert.ExecuteNonQueryAsync();
            }

            await using var delete = new NpgsqlCommand("DELETE FROM raw_queue WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
            await delete.ExecuteNonQueryAsync();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }
}
