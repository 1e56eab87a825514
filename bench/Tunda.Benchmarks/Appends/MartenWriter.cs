using Marten;

namespace Tunda.Benchmarks.Appends;

/// <summary>The Marten side of an append cell: a command handled on an aggregate, as Tunda's handlers append.</summary>
internal static class MartenWriter
{
    /// <summary>
    /// A writer with a stream of its own, started with one event; each step is one session that appends
    /// <paramref name="eventsPerAppend"/> events with the exact expected version and saves.
    /// </summary>
    public static async Task<WriterStep> CreateAsync(IDocumentStore store, int eventsPerAppend, CancellationToken cancellationToken)
    {
        var stream = Guid.CreateVersion7();
        await using (var create = Workload.OpenSession(store))
        {
            create.Events.StartStream(stream, Workload.Event(stream, 1));
            await create.SaveChangesAsync(cancellationToken);
        }

        var version = 1L;
        return async token =>
        {
            await using var session = Workload.OpenSession(store);

            // Marten's expected version is the stream's version after the append.
            session.Events.Append(stream, version + eventsPerAppend, Workload.Events(stream, (int)version + 1, eventsPerAppend));
            await session.SaveChangesAsync(token);
            version += eventsPerAppend;
        };
    }
}
