using Tunda.EventStore.Projections;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class DaemonSoakTests
{
    [Fact]
    public async Task under_concurrent_writers_with_rollbacks_and_slow_transactions_the_projection_equals_a_fresh_fold()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(Ledger.Projection(), ProjectionLifecycle.Async));
        await scope.StartDaemonAsync();
        var streams = Writers.Streams(300);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var writers = Enumerable.Range(0, 16)
            .Select(seed => Task.Run(() => Writers.AppendRandomlyAsync(scope.Store, streams, seed, stop.Token, rollbackShare: 0.1, slowShare: 0.05)))
            .ToList();
        var committed = (await Task.WhenAll(writers)).Sum();

        var maxSequence = await scope.ScalarAsync("SELECT max(seq) FROM {schema}.events");
        committed.ShouldBeLessThan(maxSequence, "some transactions rolled back after drawing sequence numbers, or the test proves nothing");
        await scope.Store.Admin.WaitForAsync("ledgers", maxSequence, TimeSpan.FromSeconds(60));

        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.events")).ShouldBe(committed);
        var projected = await scope.ReadLedgersAsync();
        ((long)projected.Values.Sum(l => l.Events)).ShouldBe(committed);
        await scope.ShouldMatchFreshFoldAsync();
        (await scope.Store.Admin.StatusAsync("ledgers")).LastSequence.ShouldBe(maxSequence);
    }
}
