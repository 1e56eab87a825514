using Tunda.EventStore.Daemon;
using Tunda.EventStore.Projections;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class DaemonFailureTests
{
    private const decimal Poison = 13;

    [Fact]
    public async Task a_projection_that_throws_pauses_at_that_event_while_others_continue_and_resumes_from_it_once_fixed()
    {
        var fixedYet = false;
        var fragile = new StreamStateProjection<Ledger>("fragile", "fragile_ledgers", Ledger.Create, (state, e) =>
            !fixedYet && e.Data is Deposited { Amount: Poison } ? throw new InvalidOperationException("cannot handle 13") : state.Apply(e));
        await using var scope = await StoreScope.CreateAsync(o => o.Projections
            .Add(Ledger.Projection(), ProjectionLifecycle.Async)
            .Add(fragile, ProjectionLifecycle.Async));
        await scope.StartDaemonAsync();

        var stream = Guid.NewGuid();
        await AppendAsync(scope, stream, 1, 2, 3);
        var poisonSequence = await AppendAsync(scope, stream, Poison);
        var last = await AppendAsync(scope, stream, 4, 5);

        await scope.Store.Admin.WaitForAsync("ledgers", last, TimeSpan.FromSeconds(30));
        var paused = await Should.ThrowAsync<ProjectionPausedException>(() => scope.Store.Admin.WaitForAsync("fragile", last, TimeSpan.FromSeconds(30)));
        paused.State.FailedSequence.ShouldBe(poisonSequence);
        paused.State.LastSequence.ShouldBe(poisonSequence - 1, "the events before the failing one are kept");
        paused.State.Failure.ShouldNotBeNull().ShouldContain("cannot handle 13");
        (await scope.ScalarAsync($"SELECT count(*) FROM {{schema}}.dead_letter_events WHERE projection = 'fragile' AND seq = {poisonSequence} AND resolved_at IS NULL")).ShouldBe(1);
        (await scope.ReadLedgersAsync("fragile_ledgers"))[stream].Balance.ShouldBe(6);

        // More events keep flowing to the healthy projection while the fragile one waits.
        var later = await AppendAsync(scope, stream, 100);
        await scope.Store.Admin.WaitForAsync("ledgers", later, TimeSpan.FromSeconds(30));
        (await scope.Store.Admin.StatusAsync("fragile")).LastSequence.ShouldBe(poisonSequence - 1);

        fixedYet = true;
        await scope.Store.Admin.ResumeAsync("fragile");
        await scope.Store.Admin.WaitForAsync("fragile", later, TimeSpan.FromSeconds(30));
        (await scope.ReadLedgersAsync("fragile_ledgers")).ShouldBe(await scope.ReadLedgersAsync());
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.dead_letter_events WHERE resolved_at IS NOT NULL")).ShouldBe(1);
    }

    private static async Task<long> AppendAsync(StoreScope scope, Guid stream, params decimal[] amounts)
    {
        await using var session = scope.Store.OpenSession();
        session.Append(stream, "ledger", ExpectedVersion.Any, amounts.Select(a => (object)new Deposited(a)).ToArray());
        return (await session.SaveChangesAsync()).LastSequence;
    }
}
