using JasperFx.Events.Projections;
using Marten.Events;
using Xunit.Abstractions;

namespace Tunda.Projections.Tests.Store;

public sealed class DaemonSoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task sixteen_writers_with_rollbacks_and_slow_transactions_leave_every_async_read_model_equal_to_a_fresh_fold()
    {
        await using var scope = await MartenScope.CreateAsync(o =>
        {
            o.Projections.Add(new TallyProjection<StreamTally>(), ProjectionLifecycle.Async);
            o.Projections.Add(new GrandTallyProjection(), ProjectionLifecycle.Async);
        });
        await scope.StartDaemonAsync();
        var writers = new RandomWriters(scope, streams: 300);
        await writers.StartStreamsAsync();

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await writers.RunAsync(16, stop.Token, rollbackShare: 0.1, slowShare: 0.05);
        }

        output.WriteLine($"committed {writers.Committed.Values.Sum()} events, rolled back {writers.RolledBack}, {writers.Conflicts} batches lost a race");
        writers.RolledBack.ShouldBeGreaterThan(0, "rolled-back appends leave holes, or the test proves nothing about them");
        await scope.Store.WaitForNonStaleProjectionDataAsync(MartenScope.Patience);
        await FreshFold.ShouldMatchAsync(scope, writers);
    }
}
