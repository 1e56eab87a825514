using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using Marten.Services;

namespace Tunda.Benchmarks.Projections;

/// <summary>
/// An async-projection listener recording when each daemon batch committed and the highest event
/// sequence folded into its <see cref="LineTotals"/> documents.
/// </summary>
internal sealed class BatchCommits : IChangeListener
{
    private readonly ConcurrentQueue<(long Ticks, long Sequence)> _committed = new();
    private int _count;
    private long _events;

    /// <summary>Batch commits in the order they happened: (Stopwatch ticks, highest sequence).</summary>
    public IEnumerable<(long Ticks, long Sequence)> Committed => _committed;

    public int Count => _count;

    /// <summary>Documents written over all batches (a lower bound of the events they held).</summary>
    public long Events => Interlocked.Read(ref _events);

    public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;

    public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var now = Stopwatch.GetTimestamp();
        var documents = commit.Updated.Concat(commit.Inserted).OfType<LineTotals>().ToList();
        if (documents.Count > 0)
        {
            _committed.Enqueue((now, documents.Max(d => d.LastSequence)));
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _events, documents.Count);
        }

        return Task.CompletedTask;
    }
}
