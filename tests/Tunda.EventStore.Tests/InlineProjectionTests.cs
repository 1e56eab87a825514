using Tunda.EventStore.Projections;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class InlineProjectionTests
{
    [Fact]
    public async Task an_inline_projection_is_visible_as_soon_as_the_append_returns()
    {
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(Ledger.Projection(), ProjectionLifecycle.Inline));
        var stream = Guid.NewGuid();
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(stream, "ledger", new Deposited(10), new Withdrawn(4)).SaveChangesAsync();
        }

        var ledger = (await scope.ReadLedgersAsync())[stream];
        ledger.Balance.ShouldBe(6);
        ledger.Version.ShouldBe(2);
    }

    [Fact]
    public async Task an_inline_projection_that_throws_rolls_back_the_append()
    {
        var failing = new StreamStateProjection<Ledger>("strict", "strict_ledgers", Ledger.Create, (state, e) =>
            e.Data is Withdrawn w && state.Balance < w.Amount ? throw new InvalidOperationException("overdrawn") : state.Apply(e));
        await using var scope = await StoreScope.CreateAsync(o => o.Projections.Add(failing, ProjectionLifecycle.Inline));
        var stream = Guid.NewGuid();
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(stream, "ledger", new Deposited(10)).SaveChangesAsync();
        }

        await using (var session = scope.Store.OpenSession())
        {
            session.Append(stream, "ledger", ExpectedVersion.Exactly(1), new Withdrawn(50));
            await Should.ThrowAsync<InvalidOperationException>(() => session.SaveChangesAsync());
        }

        (await scope.Store.FetchStreamInfoAsync(stream))!.Version.ShouldBe(1);
        (await scope.ReadLedgersAsync("strict_ledgers"))[stream].Balance.ShouldBe(10);
    }
}
