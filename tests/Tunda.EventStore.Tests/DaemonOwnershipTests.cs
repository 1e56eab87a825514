using Tunda.EventStore.Projections;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class DaemonOwnershipTests
{
    [Fact]
    public async Task two_daemons_apply_every_event_exactly_once_and_hand_over_when_the_owner_dies()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(new AppliedLog(), ProjectionLifecycle.Async));
        await using var storeA = scope.OpenPeer(o => o.Projections.Add(new AppliedLog(), ProjectionLifecycle.Async), "node-a");
        await using var storeB = scope.OpenPeer(o => o.Projections.Add(new AppliedLog(), ProjectionLifecycle.Async), "node-b");
        var daemonA = await scope.StartDaemonAsync(storeA);
        await StoreScope.WaitUntilOwnedAsync(daemonA, "applied_log");
        var daemonB = await scope.StartDaemonAsync(storeB);

        var streams = Writers.Streams(50);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(seed => Task.Run(() => Writers.AppendRandomlyAsync(scope.Store, streams, seed, stop.Token))).ToList();

        // Other tests share the cluster and may hold transactions open, which rightly holds every
        // daemon's high-water mark back: wait for node A's first batch rather than for a fixed time.
        await WaitUntilAsync(() => scope.ScalarAsync("SELECT count(*) FROM {schema}.applied_log"), TimeSpan.FromSeconds(30));
        daemonB.Owned.ShouldBeEmpty("only one daemon may own a projection");

        // Kill node A's database sessions, as a crashed process or a cut network would.
        await TestDatabase.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tunda-daemon node-a'");
        await StoreScope.WaitUntilOwnedAsync(daemonB, "applied_log", TimeSpan.FromSeconds(10));

        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        var maxSequence = await scope.ScalarAsync("SELECT max(seq) FROM {schema}.events");
        await scope.Store.Admin.WaitForAsync("applied_log", maxSequence, TimeSpan.FromSeconds(30));

        daemonA.Owned.ShouldBeEmpty("node A came back as a standby");
        var events = await scope.ScalarAsync("SELECT count(*) FROM {schema}.events");
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.applied_log")).ShouldBe(events);
        (await scope.ScalarAsync("SELECT count(DISTINCT seq) FROM {schema}.applied_log")).ShouldBe(events);
        (await scope.ScalarAsync("SELECT count(DISTINCT applied_by) FROM {schema}.applied_log")).ShouldBe(2, "both nodes did part of the work");
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.events e WHERE NOT EXISTS (SELECT 1 FROM {schema}.applied_log a WHERE a.seq = e.seq)")).ShouldBe(0);
    }

    private static async Task WaitUntilAsync(Func<Task<long>> count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await count() == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Node A applied nothing in time.");
            }

            await Task.Delay(50);
        }
    }
}
