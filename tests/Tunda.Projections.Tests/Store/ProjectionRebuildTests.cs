using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;

namespace Tunda.Projections.Tests.Store;

public sealed class ProjectionRebuildTests
{
    private const string Tallies = nameof(StreamTally);

    [Fact]
    public async Task a_rebuild_while_eight_writers_keep_appending_ends_equal_to_a_fresh_fold()
    {
        await using var scope = await StartAsync();
        var writers = new RandomWriters(scope, streams: 100);
        await writers.StartStreamsAsync();

        using var stop = new CancellationTokenSource();
        var writing = writers.RunAsync(8, stop.Token, rollbackShare: 0.05, slowShare: 0.05);
        await WaitForEventsAsync(scope, 1_000);
        await RebuildAndRestartAsync(scope);
        await WaitForEventsAsync(scope, 2_000);
        await RebuildAndRestartAsync(scope);
        await WaitForEventsAsync(scope, 3_000);
        await stop.CancelAsync();
        await writing;

        await scope.Store.WaitForNonStaleProjectionDataAsync(MartenScope.Patience);
        await FreshFold.ShouldMatchAsync(scope, writers);
    }

    /// <summary>
    /// Marten 9.62 rebuilds up to the high-water mark it saw when it started and then stops the
    /// projection's agent: the daemon (bare or hosted, HotCold included) does not start it again, so
    /// whatever runs a rebuild must restart the projection or it silently falls behind.
    /// </summary>
    [Fact]
    public async Task a_rebuild_leaves_the_projection_stopped_until_it_is_started_again()
    {
        await using var scope = await StartAsync();
        var stream = Guid.NewGuid();
        await scope.WaitForProgressAsync(Tallies, await AppendAsync(scope, stream, 2));

        await scope.Daemon!.RebuildProjectionAsync<StreamTally>(MartenScope.Patience, CancellationToken.None);
        await scope.WaitForAgentAsync(Tallies, AgentStatus.Stopped);
        var afterRebuild = await AppendAsync(scope, stream, 3);
        await scope.WaitForProgressAsync(nameof(GrandTally), afterRebuild);
        (await scope.ProgressAsync(Tallies)).ShouldBeLessThan(afterRebuild);

        await scope.Daemon.StartAgentAsync(new ShardName(Tallies), CancellationToken.None);
        await scope.WaitForProgressAsync(Tallies, afterRebuild);
        await using var session = scope.Store.QuerySession();
        (await session.LoadAsync<StreamTally>(stream))!.Versions.ShouldBe([1, 2]);
    }

    private static async Task<MartenScope> StartAsync()
    {
        var scope = await MartenScope.CreateAsync(o =>
        {
            o.Projections.Add(new TallyProjection<StreamTally>(), ProjectionLifecycle.Async);
            o.Projections.Add(new GrandTallyProjection(), ProjectionLifecycle.Async);
        });
        await scope.StartDaemonAsync();
        return scope;
    }

    private static async Task RebuildAndRestartAsync(MartenScope scope)
    {
        var daemon = scope.Daemon!;
        await daemon.RebuildProjectionAsync<StreamTally>(MartenScope.Patience, CancellationToken.None);
        await daemon.StartAgentAsync(new ShardName(Tallies), CancellationToken.None);
    }

    /// <summary>Lets the writers get ahead, so that each rebuild starts with events still arriving.</summary>
    private static async Task WaitForEventsAsync(MartenScope scope, long count)
    {
        using var cancel = new CancellationTokenSource(MartenScope.Patience);
        while (await scope.ScalarAsync<long>("SELECT count(*) FROM {schema}.mt_events") < count)
        {
            cancel.Token.ThrowIfCancellationRequested();
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task<long> AppendAsync(MartenScope scope, Guid stream, int amount)
    {
        await using var session = scope.Store.LightweightSession();
        var action = session.Events.Append(stream, new Counted(amount));
        await session.SaveChangesAsync();
        return action.Events.Single().Sequence;
    }
}
