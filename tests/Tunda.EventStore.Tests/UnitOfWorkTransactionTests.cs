using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

/// <summary>
/// A unit of work without inline projections is sent as one batch with no BEGIN or COMMIT: the
/// batch's implicit transaction must still make it all-or-nothing and one transaction.
/// </summary>
public sealed class UnitOfWorkTransactionTests
{
    [Fact]
    public async Task a_unit_of_work_over_several_streams_commits_as_one_transaction()
    {
        await using var scope = await StoreScope.CreateAsync();
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await using (var session = scope.Store.OpenSession())
        {
            foreach (var id in ids)
            {
                session.StartStream(id, "ledger", new Deposited(1), new Deposited(2));
            }

            await session.SaveChangesAsync();
        }

        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.events")).ShouldBe(6);
        (await scope.ScalarAsync("SELECT count(DISTINCT xmin::text) FROM {schema}.events")).ShouldBe(1);
        (await scope.ScalarAsync("SELECT count(DISTINCT xmin::text) FROM {schema}.streams")).ShouldBe(1);
    }

    [Fact]
    public async Task a_conflict_on_a_later_stream_undoes_the_earlier_streams_of_the_unit_of_work()
    {
        await using var scope = await StoreScope.CreateAsync();
        var (first, second) = Ordered(Guid.NewGuid(), Guid.NewGuid());
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(first, "ledger", new Deposited(10)).StartStream(second, "ledger", new Deposited(20)).SaveChangesAsync();
        }

        var sequenceBefore = await scope.ScalarAsync("SELECT last_value FROM {schema}.event_seq");
        await using (var session = scope.Store.OpenSession())
        {
            // The first stream's call succeeds and draws sequence numbers before the second's fails.
            session.Append(first, "ledger", ExpectedVersion.Exactly(1), new Withdrawn(1), new Withdrawn(2));
            session.Append(second, "ledger", ExpectedVersion.Exactly(5), new Withdrawn(3));
            var conflict = await Should.ThrowAsync<ConcurrencyException>(() => session.SaveChangesAsync());
            conflict.StreamId.ShouldBe(second);
            conflict.Actual.ShouldBe(1);
        }

        (await scope.Store.FetchStreamAsync(first)).Select(e => e.Version).ShouldBe([1]);
        (await scope.Store.FetchStreamInfoAsync(first))!.Version.ShouldBe(1);
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.events")).ShouldBe(2);
        (await scope.ScalarAsync("SELECT last_value FROM {schema}.event_seq")).ShouldBeGreaterThan(sequenceBefore, "the first call did run");

        // The pooled connection that carried the failed batch is fine for the next unit of work.
        for (var i = 0; i < 3; i++)
        {
            await using var session = scope.Store.OpenSession();
            await session.Append(first, "ledger", ExpectedVersion.Exactly(1 + i), new Deposited(i)).SaveChangesAsync();
        }

        (await scope.Store.FetchStreamInfoAsync(first))!.Version.ShouldBe(4);
        (await new Integrity.ChainVerifier(scope.Store).VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    private static (Guid First, Guid Second) Ordered(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);
}
