namespace Tunda.EventStore.Tests.Support;

/// <summary>Background writers appending to a pool of ledger streams until stopped.</summary>
internal static class Writers
{
    public static async Task<long> AppendRandomlyAsync(EventStore store, IReadOnlyList<Guid> streams, int seed, CancellationToken stop, double rollbackShare = 0, double slowShare = 0)
    {
        var random = new Random(seed);
        long committed = 0;
        while (!stop.IsCancellationRequested)
        {
            var stream = streams[random.Next(streams.Count)];
            var events = Enumerable.Range(0, random.Next(1, 11)).Select(i => (object)new Deposited(random.Next(1, 1000))).ToArray();
            await using var connection = await store.DataSource.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await using var session = store.OpenSession(transaction);
            var result = await session.Append(stream, "ledger", ExpectedVersion.Any, events).SaveChangesAsync(CancellationToken.None);

            // Sequence numbers are drawn by now: a rollback leaves a hole the daemon must pass.
            if (random.NextDouble() < rollbackShare)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                continue;
            }

            if (random.NextDouble() < slowShare)
            {
                await Task.Delay(random.Next(50, 400), CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            store.NotifyCommitted(result.LastSequence);
            committed += events.Length;
        }

        return committed;
    }

    public static List<Guid> Streams(int count) => Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
}
