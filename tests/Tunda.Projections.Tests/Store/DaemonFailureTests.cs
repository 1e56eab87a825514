using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;

namespace Tunda.Projections.Tests.Store;

public sealed class DaemonFailureTests
{
    private const string Healthy = nameof(StreamTally);
    private const string Fragile = nameof(FragileTally);

    /// <summary>
    /// Tunda sets Projections.Errors.SkipApplyErrors = false: a projection that throws on an event stops at
    /// it instead of skipping it into a dead letter. The failure is kept on the daemon's agent and in its
    /// log (not in mt_event_progression unless Events.EnableExtendedProgressionTracking is on). A bare
    /// daemon leaves the agent paused until it is started again; a hosted daemon's coordinator retries it
    /// every few seconds, which resumes it the same way once the cause is gone.
    /// </summary>
    [Fact]
    public async Task a_projection_that_throws_pauses_at_that_event_while_others_continue_and_once_fixed_and_restarted_resumes_from_it()
    {
        var fragile = new FragileTallyProjection();
        await using var scope = await MartenScope.CreateAsync(o =>
        {
            o.Projections.Add(new TallyProjection<StreamTally>(), ProjectionLifecycle.Async);
            o.Projections.Add(fragile, ProjectionLifecycle.Async);
        });
        var daemon = await scope.StartDaemonAsync();
        var stream = Guid.NewGuid();

        // Both projections take the first events in a batch of their own, so the fragile one has progress to keep.
        var before = await AppendAsync(scope, stream, 1, 2, 3);
        await scope.WaitForProgressAsync(Healthy, before);
        await scope.WaitForProgressAsync(Fragile, before);
        var poison = await AppendAsync(scope, stream, FragileTallyProjection.Poison);
        var last = await AppendAsync(scope, stream, 4, 5);

        await scope.WaitForProgressAsync(Healthy, last);
        var paused = await scope.WaitForAgentAsync(Fragile, AgentStatus.Paused);
        paused.Failure.ShouldNotBeNull().Event.ShouldNotBeNull().Sequence.ShouldBe(poison);
        paused.Failure.Detail.ShouldContain($"cannot handle {FragileTallyProjection.Poison}");
        (await scope.ProgressAsync(Fragile)).ShouldBe(poison - 1, "the events before the failing one are kept, the failing one is not passed");
        (await LoadAsync<FragileTally>(scope, stream))!.Versions.ShouldBe([1, 2, 3]);
        await using (var query = scope.Store.QuerySession())
        {
            (await query.Query<DeadLetterEvent>().CountAsync()).ShouldBe(0, "a paused event is not skipped into the dead letters");
        }

        // Events keep flowing to the healthy projection while the fragile one waits.
        var later = await AppendAsync(scope, stream, 100);
        await scope.WaitForProgressAsync(Healthy, later);
        (await scope.ProgressAsync(Fragile)).ShouldBe(poison - 1);

        fragile.Broken = false;
        await daemon.StartAgentAsync(new ShardName(Fragile), CancellationToken.None);
        await scope.WaitForProgressAsync(Fragile, later);

        var healthy = (await LoadAsync<StreamTally>(scope, stream))!;
        healthy.Versions.ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        var resumed = (await LoadAsync<FragileTally>(scope, stream))!;
        resumed.Versions.ShouldBe(healthy.Versions);
        resumed.Sum.ShouldBe(healthy.Sum);
    }

    private static async Task<long> AppendAsync(MartenScope scope, Guid stream, params int[] amounts)
    {
        await using var session = scope.Store.LightweightSession();
        var action = session.Events.Append(stream, amounts.Select(a => (object)new Counted(a)).ToArray());
        await session.SaveChangesAsync();
        return action.Events[^1].Sequence;
    }

    private static async Task<T?> LoadAsync<T>(MartenScope scope, Guid stream)
        where T : Tally
    {
        await using var session = scope.Store.QuerySession();
        return await session.LoadAsync<T>(stream);
    }
}
