using JasperFx.Events;
using Marten;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// The rebuild's event log, written fast: <c>BulkInsertEventsAsync</c> (COPY) with the chain's trigger
/// off, two calls at a time, streams of <see cref="EventsPerStream"/> invoice lines, each stream belonging to an account.
/// </summary>
internal static class RebuildSeed
{
    public const int EventsPerStream = 100;
    public const int StreamsPerBulkInsert = 1_000;

    public static async Task SeedAsync(BenchStore bench, int streams, int accounts, CancellationToken cancellationToken)
    {
        var accountIds = Enumerable.Range(0, accounts).Select(_ => Guid.CreateVersion7()).ToArray();
        await bench.SetChainTriggerAsync(false, cancellationToken);
        try
        {
            // Two calls at a time: one serializes and sends while the server inserts the other's rows.
            var chunks = Enumerable.Range(0, (streams + StreamsPerBulkInsert - 1) / StreamsPerBulkInsert);
            await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (chunk, token) =>
            {
                var first = chunk * StreamsPerBulkInsert;
                var actions = new List<StreamAction>(StreamsPerBulkInsert);
                for (var s = first; s < Math.Min(streams, first + StreamsPerBulkInsert); s++)
                {
                    actions.Add(Stream(bench.Store, accountIds[s % accounts]));
                }

                await bench.Store.BulkInsertEventsAsync(actions, cancellation: token);
            });
        }
        finally
        {
            await bench.SetChainTriggerAsync(true, CancellationToken.None);
        }

        // A store that grew by appends has statistics; a table just filled by COPY has none until autovacuum
        // gets to it, and then the daemon's page query (seq_id in (floor, ceiling], ORDER BY seq_id LIMIT
        // BatchSize) is planned as a hash join and sort of the whole remaining range on every page.
        await bench.ExecuteAsync("ANALYZE {schema}.mt_events; ANALYZE {schema}.mt_streams", cancellationToken);
    }

    private static StreamAction Stream(DocumentStore store, Guid account)
    {
        var action = StreamAction.Start(store.Events, Guid.CreateVersion7(), Workload.Events(account, 1, EventsPerStream));
        foreach (var e in action.Events)
        {
            e.CorrelationId = Workload.CorrelationId;
            e.CausationId = Workload.CausationId;
            foreach (var (key, value) in Workload.Headers)
            {
                e.SetHeader(key, value);
            }
        }

        return action;
    }
}
