using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class TimeTravelTests
{
    [Fact]
    public async Task folding_to_a_version_or_a_moment_equals_folding_the_matching_prefix()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        var appended = new List<object>();
        for (var i = 1; i <= 6; i++)
        {
            object e = i % 3 == 0 ? new Renamed($"name {i}") : new Deposited(i * 10);
            appended.Add(e);
            await using var session = scope.Store.OpenSession();
            await session.Append(id, "ledger", ExpectedVersion.Exactly(i - 1), e).SaveChangesAsync();
            await Task.Delay(15);
        }

        var all = await scope.Store.FetchStreamAsync(id);
        for (var k = 0; k <= 6; k++)
        {
            var prefix = appended.Take(k).Aggregate(Ledger.Create(id), (s, e) => s.Apply(e));

            var byVersion = await scope.Store.AggregateStreamAsync(id, Ledger.Create(id), (s, e) => s.Apply(e), StreamLimit.ToVersion(k));
            byVersion.ShouldBe(prefix);

            var moment = k == 0 ? all[0].Timestamp.AddTicks(-10) : all[k - 1].Timestamp;
            var byMoment = await scope.Store.AggregateStreamAsync(id, Ledger.Create(id), (s, e) => s.Apply(e), StreamLimit.AtMoment(moment));
            byMoment.ShouldBe(prefix, $"state at the moment of version {k}");
        }

        all.Select(e => e.Timestamp).ShouldBeInOrder(SortDirection.Ascending);
        all.Select(e => e.Timestamp).Distinct().Count().ShouldBe(6, "each unit of work has its own server timestamp");
    }

    [Fact]
    public async Task a_stream_read_before_it_existed_is_empty()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(id, "ledger", new Deposited(1)).SaveChangesAsync();
        }

        (await scope.Store.FetchStreamAsync(id, StreamLimit.AtMoment(before))).ShouldBeEmpty();
        (await scope.Store.FetchStreamAsync(Guid.NewGuid())).ShouldBeEmpty();
    }

    [Fact]
    public async Task reading_inside_a_transaction_sees_its_own_uncommitted_appends_and_others_do_not()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        await using var connection = await scope.Store.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var session = scope.Store.OpenSession(transaction))
        {
            await session.StartStream(id, "ledger", new Deposited(3), new Deposited(4)).SaveChangesAsync();
        }

        (await scope.Store.FetchStreamAsync(transaction, id)).Select(e => e.Data).ShouldBe([new Deposited(3), new Deposited(4)]);
        (await scope.Store.FetchStreamAsync(id)).ShouldBeEmpty();
        (await scope.Store.LastSequenceAsync()).ShouldBe(0);

        await transaction.CommitAsync();
        (await scope.Store.LastSequenceAsync()).ShouldBe(2);
    }
}
