using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class AppendTests
{
    [Fact]
    public async Task exact_version_append_succeeds_and_a_mismatch_writes_nothing()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        await using (var session = scope.Store.OpenSession())
        {
            session.StartStream(id, "ledger", new Deposited(10), new Deposited(5));
            (await session.SaveChangesAsync()).Versions[id].ShouldBe(2);
        }

        await using (var session = scope.Store.OpenSession())
        {
            session.Append(id, "ledger", ExpectedVersion.Exactly(2), new Withdrawn(3));
            (await session.SaveChangesAsync()).Versions[id].ShouldBe(3);
        }

        var sequenceBefore = await scope.ScalarAsync("SELECT last_value FROM {schema}.event_seq");
        await using (var session = scope.Store.OpenSession())
        {
            session.Append(id, "ledger", ExpectedVersion.Exactly(2), new Withdrawn(100));
            var conflict = await Should.ThrowAsync<ConcurrencyException>(() => session.SaveChangesAsync());
            conflict.Actual.ShouldBe(3);
            conflict.Expected.ShouldBe(ExpectedVersion.Exactly(2));
        }

        var events = await scope.Store.FetchStreamAsync(id);
        events.Select(e => e.Version).ShouldBe([1, 2, 3]);
        events.Select(e => e.Data).ShouldBe([new Deposited(10), new Deposited(5), new Withdrawn(3)]);
        (await scope.Store.FetchStreamInfoAsync(id))!.Version.ShouldBe(3);
        (await scope.ScalarAsync("SELECT last_value FROM {schema}.event_seq")).ShouldBe(sequenceBefore, "a failed check must not draw sequence numbers");
    }

    [Fact]
    public async Task thirty_two_writers_at_the_same_version_one_wins_and_the_sequence_has_no_hole()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(id, "ledger", new Deposited(1)).SaveChangesAsync();
        }

        var outcomes = await Race.SaveAsync(32, i => scope.Store.OpenSession().Append(id, "ledger", ExpectedVersion.Exactly(1), new Deposited(i), new Deposited(i)));

        outcomes.Count(won => won).ShouldBe(1);
        var events = await scope.Store.FetchStreamAsync(id);
        events.Select(e => e.Version).ShouldBe([1, 2, 3]);
        events.Select(e => e.Sequence).ShouldBe([1, 2, 3], "losers must fail before drawing sequence numbers");
        (await scope.ScalarAsync("SELECT last_value FROM {schema}.event_seq")).ShouldBe(3);
    }

    [Fact]
    public async Task thirty_two_racing_starts_of_one_stream_have_one_winner()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        var outcomes = await Race.SaveAsync(32, i => scope.Store.OpenSession().StartStream(id, "ledger", new Renamed($"starter {i}")));

        outcomes.Count(won => won).ShouldBe(1);
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.events")).ShouldBe(1);
        (await scope.ScalarAsync("SELECT last_value FROM {schema}.event_seq")).ShouldBe(1);
    }

    [Fact]
    public async Task appending_to_an_archived_stream_fails_and_writes_nothing()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(id, "ledger", new Deposited(1)).SaveChangesAsync();
        }

        await using (var session = scope.Store.OpenSession())
        {
            await session.Archive(id).SaveChangesAsync();
        }

        (await scope.Store.FetchStreamInfoAsync(id))!.IsArchived.ShouldBeTrue();
        await using (var session = scope.Store.OpenSession())
        {
            session.Append(id, "ledger", ExpectedVersion.Any, new Deposited(2));
            (await Should.ThrowAsync<StreamArchivedException>(() => session.SaveChangesAsync())).StreamId.ShouldBe(id);
        }

        (await scope.Store.FetchStreamAsync(id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_rolled_back_unit_of_work_leaves_no_events_and_no_stream_row()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        await using (var connection = await scope.Store.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var session = scope.Store.OpenSession(transaction);
            await session.StartStream(id, "ledger", new Deposited(1), new Deposited(2)).SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        (await scope.Store.FetchStreamInfoAsync(id)).ShouldBeNull();
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.events")).ShouldBe(0);
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.streams")).ShouldBe(0);
    }

    [Fact]
    public async Task a_failed_check_inside_a_callers_transaction_leaves_that_transaction_usable()
    {
        await using var scope = await StoreScope.CreateAsync();
        var existing = Guid.NewGuid();
        var fresh = Guid.NewGuid();
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(existing, "ledger", new Deposited(1)).SaveChangesAsync();
        }

        await using (var connection = await scope.Store.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var failing = scope.Store.OpenSession(transaction);
            failing.StartStream(fresh, "ledger", new Deposited(5)).StartStream(existing, "ledger", new Deposited(5));
            await Should.ThrowAsync<ConcurrencyException>(() => failing.SaveChangesAsync());

            await using var retry = scope.Store.OpenSession(transaction);
            await retry.Append(existing, "ledger", ExpectedVersion.Exactly(1), new Deposited(7)).SaveChangesAsync();
            await transaction.CommitAsync();
        }

        (await scope.Store.FetchStreamInfoAsync(fresh)).ShouldBeNull("the failed unit of work's new stream must be undone");
        (await scope.Store.FetchStreamAsync(existing)).Select(e => e.Data).ShouldBe([new Deposited(1), new Deposited(7)]);
    }

    [Fact]
    public async Task expected_any_creates_a_missing_stream_and_appends_to_an_existing_one()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        for (var i = 1; i <= 3; i++)
        {
            await using var session = scope.Store.OpenSession();
            (await session.Append(id, "ledger", ExpectedVersion.Any, new Deposited(i)).SaveChangesAsync()).Versions[id].ShouldBe(i);
        }

        var info = await scope.Store.FetchStreamInfoAsync(id);
        info!.Type.ShouldBe("ledger");
        info.Version.ShouldBe(3);
    }

    [Fact]
    public async Task racing_appends_that_expect_any_to_a_missing_stream_all_succeed()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();

        var outcomes = await Race.SaveAsync(32, i => scope.Store.OpenSession().Append(id, "ledger", ExpectedVersion.Any, new Deposited(i)));

        outcomes.ShouldAllBe(won => won);
        (await scope.Store.FetchStreamAsync(id)).Select(e => e.Version).ShouldBe(Enumerable.Range(1, 32).Select(v => (long)v));
    }

    [Fact]
    public async Task exact_version_on_a_missing_stream_is_a_conflict()
    {
        await using var scope = await StoreScope.CreateAsync();
        await using var session = scope.Store.OpenSession();
        session.Append(Guid.NewGuid(), "ledger", ExpectedVersion.Exactly(4), new Deposited(1));
        (await Should.ThrowAsync<ConcurrencyException>(() => session.SaveChangesAsync())).Actual.ShouldBeNull();
    }

    [Fact]
    public async Task units_of_work_touching_the_same_streams_in_opposite_order_do_not_deadlock()
    {
        await using var scope = await StoreScope.CreateAsync();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var session = scope.Store.OpenSession();
                var (first, second) = w % 2 == 0 ? (a, b) : (b, a);
                session.Append(first, "ledger", ExpectedVersion.Any, new Deposited(1));
                session.Append(second, "ledger", ExpectedVersion.Any, new Deposited(1));
                await session.SaveChangesAsync();
            }
        }));
        await Task.WhenAll(writers);

        (await scope.Store.FetchStreamInfoAsync(a))!.Version.ShouldBe(200);
        (await scope.Store.FetchStreamInfoAsync(b))!.Version.ShouldBe(200);
    }

    [Fact]
    public async Task metadata_is_stored_with_every_event_and_the_timestamp_comes_from_the_server()
    {
        await using var scope = await StoreScope.CreateAsync();
        var id = Guid.NewGuid();
        var metadata = new EventMetadata
        {
            CorrelationId = Guid.NewGuid(),
            CausationId = Guid.NewGuid(),
            Actor = new Actor("customer-42", ActorKind.Customer),
            ClientIp = "192.0.2.7",
            UserAgent = "Firefox",
        };
        await using (var session = scope.Store.OpenSession(metadata))
        {
            await session.StartStream(id, "ledger", new Deposited(1), new Renamed("Rossi")).SaveChangesAsync();
        }

        var serverNow = await TestDatabase.ScalarAsync<DateTime>("SELECT now()");
        var events = await scope.Store.FetchStreamAsync(id);
        events.ShouldAllBe(e => e.Metadata == metadata);
        events[0].Timestamp.ShouldBe(events[1].Timestamp);
        (serverNow - events[0].Timestamp.UtcDateTime).ShouldBeLessThan(TimeSpan.FromMinutes(1));
        (await scope.ScalarAsync("SELECT count(*) FROM {schema}.events WHERE metadata->'actor'->>'kind' = 'Customer' AND metadata->>'clientIp' = '192.0.2.7'")).ShouldBe(2);
    }
}
