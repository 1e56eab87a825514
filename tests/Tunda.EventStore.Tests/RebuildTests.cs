using Tunda.EventStore.Projections;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class RebuildTests
{
    [Fact]
    public async Task a_rebuild_while_eight_writers_continue_ends_equal_to_a_fresh_fold()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(Ledger.Projection(), ProjectionLifecycle.Async));
        await scope.StartDaemonAsync();
        var streams = Writers.Streams(100);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(seed => Task.Run(() => Writers.AppendRandomlyAsync(scope.Store, streams, seed, stop.Token, rollbackShare: 0.05))).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        await scope.Store.Admin.RebuildAsync("ledgers");
        (await scope.Store.Admin.StatusAsync("ledgers")).LastSequence.ShouldBeLessThan(await scope.ScalarAsync("SELECT max(seq) FROM {schema}.events"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await scope.Store.Admin.RebuildAsync("ledgers");
        await Task.Delay(TimeSpan.FromSeconds(1));

        await stop.CancelAsync();
        var committed = (await Task.WhenAll(writers)).Sum();
        var maxSequence = await scope.ScalarAsync("SELECT max(seq) FROM {schema}.events");
        await scope.Store.Admin.WaitForAsync("ledgers", maxSequence, TimeSpan.FromSeconds(60));

        var projected = await scope.ReadLedgersAsync();
        ((long)projected.Values.Sum(l => l.Events)).ShouldBe(committed);
        await scope.ShouldMatchFreshFoldAsync();
    }

    [Fact]
    public async Task a_rebuild_of_an_empty_store_ends_and_later_events_are_projected()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(Ledger.Projection(), ProjectionLifecycle.Async));
        await scope.StartDaemonAsync();
        await scope.Store.Admin.RebuildAsync("ledgers");
        await scope.Store.Admin.WaitForAsync("ledgers", 0, TimeSpan.FromSeconds(5));

        var stream = Guid.NewGuid();
        await using var session = scope.Store.OpenSession();
        var last = (await session.StartStream(stream, "ledger", new Deposited(5)).SaveChangesAsync()).LastSequence;
        await scope.Store.Admin.WaitForAsync("ledgers", last, TimeSpan.FromSeconds(30));
        (await scope.ReadLedgersAsync())[stream].Balance.ShouldBe(5);
    }
}
