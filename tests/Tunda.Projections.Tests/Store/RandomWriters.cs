using System.Collections.Concurrent;
using JasperFx;
using Marten.Services;

namespace Tunda.Projections.Tests.Store;

/// <summary>
/// Writers appending batches of <see cref="Counted"/> to a pool of streams until stopped, each in a unit
/// of work the writer commits itself, so that some can roll back after drawing sequence numbers (holes)
/// and some can hold theirs open for a while (in-flight gaps). Counts what was committed, per stream.
/// Two writers on one stream at once conflict even without an expected version (Marten's quick append
/// reads the stream version without a lock): the loser gives up its batch, as a retry policy would
/// before trying again, and its drawn numbers are one more hole.
/// </summary>
internal sealed class RandomWriters(MartenScope scope, int streams)
{
    private readonly ConcurrentDictionary<Guid, long> _committed = new();
    private long _conflicts;
    private long _rolledBack;

    public IReadOnlyList<Guid> Streams { get; } = Enumerable.Range(0, streams).Select(_ => Guid.CreateVersion7()).ToList();

    /// <summary>Events committed per stream.</summary>
    public IReadOnlyDictionary<Guid, long> Committed => _committed;

    /// <summary>Events rolled back on purpose after their sequence numbers were drawn.</summary>
    public long RolledBack => Interlocked.Read(ref _rolledBack);

    /// <summary>Batches given up because another writer appended to the same stream at the same time.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>
    /// Starts every stream with one event. Two first appends racing to create one stream fail with a raw
    /// key violation rather than a concurrency exception (see OverlappingAppendTests), so the writers only
    /// ever append to streams that exist.
    /// </summary>
    public async Task StartStreamsAsync()
    {
        await using var session = scope.Store.LightweightSession();
        foreach (var stream in Streams)
        {
            session.Events.StartStream(stream, new Counted(1));
            _committed[stream] = 1;
        }

        await session.SaveChangesAsync();
    }

    public Task RunAsync(int writers, CancellationToken stop, double rollbackShare, double slowShare) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(seed => Task.Run(() => WriteAsync(new Random(seed), stop, rollbackShare, slowShare), CancellationToken.None)));

    private async Task WriteAsync(Random random, CancellationToken stop, double rollbackShare, double slowShare)
    {
        while (!stop.IsCancellationRequested)
        {
            var stream = Streams[random.Next(Streams.Count)];
            var events = Enumerable.Range(0, random.Next(1, 11)).Select(_ => (object)new Counted(random.Next(1, 1000))).ToArray();
            await using var connection = await scope.DataSource.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await using (var session = scope.Store.LightweightSession(SessionOptions.ForTransaction(transaction)))
            {
                session.Events.Append(stream, events);
                try
                {
                    await session.SaveChangesAsync(CancellationToken.None);
                }
                catch (ConcurrencyException)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    Interlocked.Increment(ref _conflicts);
                    continue;
                }
            }

            // Sequence numbers are drawn by now: a rollback leaves a hole the daemon must pass.
            if (random.NextDouble() < rollbackShare)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                Interlocked.Add(ref _rolledBack, events.Length);
                continue;
            }

            if (random.NextDouble() < slowShare)
            {
                await Task.Delay(random.Next(50, 400), CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            _committed.AddOrUpdate(stream, events.Length, (_, n) => n + events.Length);
        }
    }
}
