using Marten;

namespace Tunda.Projections.Tests.Store;

/// <summary>Compares what the async projections hold with a fresh fold of the events actually committed.</summary>
internal static class FreshFold
{
    /// <summary>
    /// Every stream's <see cref="StreamTally"/> holds exactly the stream's versions 1..n, each once, with
    /// their sum, equals Marten's live fold of the stream, and the stream holds what the writers committed;
    /// the <see cref="GrandTally"/> counts every committed event once.
    /// </summary>
    public static async Task ShouldMatchAsync(MartenScope scope, RandomWriters writers)
    {
        await using var session = scope.Store.QuerySession();
        var projected = (await session.LoadManyAsync<StreamTally>(writers.Streams)).ToDictionary(t => t.Id);
        foreach (var stream in writers.Streams)
        {
            var events = await session.Events.FetchStreamAsync(stream);
            events.Count.ShouldBe((int)writers.Committed.GetValueOrDefault(stream), $"stream {stream} holds what was committed");
            if (events.Count == 0)
            {
                projected.ShouldNotContainKey(stream);
                continue;
            }

            var tally = projected[stream];
            tally.Versions.ShouldBe(Enumerable.Range(1, events.Count).Select(v => (long)v).ToList(), $"stream {stream}: nothing skipped or doubled");
            tally.Sum.ShouldBe(events.Sum(e => (long)((Counted)e.Data).Amount));

            var live = (await session.Events.AggregateStreamAsync<StreamTally>(stream)).ShouldNotBeNull();
            tally.Versions.ShouldBe(live.Versions);
            tally.Sum.ShouldBe(live.Sum);
        }

        var committed = writers.Committed.Values.Sum();
        (await scope.ScalarAsync<long>("SELECT count(*) FROM {schema}.mt_events")).ShouldBe(committed);
        var grand = (await session.LoadAsync<GrandTally>(GrandTally.Key)).ShouldNotBeNull();
        grand.Events.ShouldBe(committed);
        grand.Sum.ShouldBe(projected.Values.Sum(t => t.Sum));
    }
}
