using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// Paced writers for the lag measurement: each owns some streams (started beforehand) and appends to
/// them in turn with the exact expected version, on a schedule; a writer that falls behind catches up
/// without pausing, so the rate holds as long as an append is shorter than a writer's interval.
/// </summary>
internal sealed class LagWriters(int writers, int eventsPerAppend, int streamsPerWriter)
{
    public int Writers => writers;

    public int EventsPerAppend => eventsPerAppend;

    public int StreamsPerWriter => streamsPerWriter;

    /// <summary>Each append's last sequence and the moment its SaveChangesAsync returned.</summary>
    public ConcurrentQueue<(long Sequence, long Ticks)> Commits { get; } = new();

    public async Task<Guid[][]> StartStreamsAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        var streams = Enumerable.Range(0, writers).Select(_ => Enumerable.Range(0, streamsPerWriter).Select(_ => Guid.CreateVersion7()).ToArray()).ToArray();
        await using var session = Workload.OpenSession(store);
        foreach (var stream in streams.SelectMany(s => s))
        {
            session.Events.StartStream(stream, Workload.Event(stream, 1));
        }

        await session.SaveChangesAsync(cancellationToken);
        return streams;
    }

    /// <summary>Writes at <paramref name="eventsPerSecond"/> for <paramref name="duration"/>; returns the rate achieved.</summary>
    public async Task<double> WriteAsync(IDocumentStore store, Guid[][] streams, int eventsPerSecond, TimeSpan duration, long started, CancellationToken cancellationToken)
    {
        var appendsPerWriter = (int)(duration.TotalSeconds * eventsPerSecond / eventsPerAppend / writers);
        var interval = TimeSpan.FromSeconds((double)writers * eventsPerAppend / eventsPerSecond);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(
            () => WriterAsync(store, streams[w], appendsPerWriter, interval * w / writers, interval, started, cancellationToken), CancellationToken.None)));
        return Commits.Count * eventsPerAppend / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private async Task WriterAsync(IDocumentStore store, Guid[] streams, int appends, TimeSpan offset, TimeSpan interval, long started, CancellationToken cancellationToken)
    {
        var versions = Enumerable.Repeat(1L, streams.Length).ToArray();
        for (var i = 0; i < appends; i++)
        {
            var due = offset + (interval * i) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var s = i % streams.Length;
            await using var session = Workload.OpenSession(store);
            var action = session.Events.Append(streams[s], versions[s] + eventsPerAppend, Workload.Events(streams[s], (int)versions[s] + 1, eventsPerAppend));
            await session.SaveChangesAsync(cancellationToken);
            Commits.Enqueue((action.Events[^1].Sequence, Stopwatch.GetTimestamp()));
            versions[s] += eventsPerAppend;
        }
    }
}
