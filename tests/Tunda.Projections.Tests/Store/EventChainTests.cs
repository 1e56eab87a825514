using JasperFx.Events;
using Marten;
using Tunda.Domain.Customers;
using Tunda.Projections.Store;
using static Tunda.Projections.Tests.Store.EventChainStreams;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Store;

public sealed class EventChainTests
{
    [Fact]
    public async Task an_untouched_store_verifies_intact()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (a, b) = await TwoCustomersAsync(scope.Store);

        var report = await VerifyAsync(scope.Store);
        report.IsIntact.ShouldBeTrue();
        (report.StreamsChecked, report.EventsChecked).ShouldBe((2L, 8L));
        (await VerifyAsync(scope.Store, a)).EventsChecked.ShouldBe(5);
        (await VerifyAsync(scope.Store, b)).EventsChecked.ShouldBe(3);
        (await LinksAsync(scope.Schema)).ShouldBe(8);
    }

    [Theory]
    [InlineData("data = jsonb_set(data, '{reason}', '\"paid\"')")]
    [InlineData("headers = jsonb_set(headers, '{actor,id}', '\"someone-else\"')")]
    [InlineData("type = 'customer_unblocked'")]
    [InlineData("timestamp = timestamp - interval '1 microsecond'")]
    [InlineData("correlation_id = 'forged'")]
    public async Task editing_one_event_by_sql_is_reported_at_that_event(string change)
    {
        await using var scope = await MartenScope.CreateAsync();
        var (a, b) = await TwoCustomersAsync(scope.Store);
        await TestDatabase.ExecuteAsync($"UPDATE {scope.Schema}.mt_events SET {change} WHERE stream_id = '{a}' AND version = 2");

        var report = await VerifyAsync(scope.Store);
        var broken = report.Breaks.ShouldHaveSingleItem();
        (broken.StreamId, broken.Version, broken.Sequence).ShouldBe((a, 2L, await SequenceAsync(scope.Schema, a, 2)));
        broken.Reason.ShouldContain("does not match");
        report.EventsChecked.ShouldBe(8);
        (await VerifyAsync(scope.Store, b)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task deleting_a_streams_last_event_is_reported_at_its_orphaned_link()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (a, _) = await TwoCustomersAsync(scope.Store);
        var last = await SequenceAsync(scope.Schema, a, 5);
        await TestDatabase.ExecuteAsync($"DELETE FROM {scope.Schema}.mt_events WHERE stream_id = '{a}' AND version = 5");

        var broken = (await VerifyAsync(scope.Store)).Breaks.ShouldHaveSingleItem();
        (broken.StreamId, broken.Version, broken.Sequence).ShouldBe((a, 5L, last));
        broken.Reason.ShouldContain("event was deleted");
    }

    [Fact]
    public async Task deleting_the_last_event_with_its_link_is_reported_by_the_streams_version()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (a, _) = await TwoCustomersAsync(scope.Store);
        await TestDatabase.ExecuteAsync($"""
            DELETE FROM {scope.Schema}.mt_events WHERE stream_id = '{a}' AND version = 5;
            DELETE FROM {scope.Schema}.tunda_event_chain WHERE stream_id = '{a}' AND version = 5
            """);

        var broken = (await VerifyAsync(scope.Store)).Breaks.ShouldHaveSingleItem();
        (broken.StreamId, broken.Version).ShouldBe((a, 4L));
        broken.Reason.ShouldBe("the stream is at version 5 but its last event is version 4");
    }

    [Fact]
    public async Task a_deleted_link_is_reported_at_its_event()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (a, _) = await TwoCustomersAsync(scope.Store);
        await TestDatabase.ExecuteAsync($"DELETE FROM {scope.Schema}.tunda_event_chain WHERE stream_id = '{a}' AND version = 3");

        var broken = (await VerifyAsync(scope.Store)).Breaks.ShouldHaveSingleItem();
        (broken.StreamId, broken.Version, broken.Sequence).ShouldBe((a, 3L, await SequenceAsync(scope.Schema, a, 3)));
        broken.Reason.ShouldContain("has no link");
    }

    [Theory]
    [InlineData(EventAppendMode.Quick)]
    [InlineData(EventAppendMode.Rich)]
    public async Task several_events_per_stream_in_one_unit_of_work_are_chained_in_either_append_mode(EventAppendMode mode)
    {
        await using var scope = await MartenScope.CreateAsync(o => o.Events.AppendMode = mode);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await using (var session = scope.Store.LightweightSession())
        {
            session.Events.StartStream<Customer>(a, Person(a), new CustomerBlocked(a, "unpaid", At), new CustomerUnblocked(a, At));
            session.Events.StartStream<Customer>(b, Company(b, "info@bar.it"), Invited(b, Guid.NewGuid(), "luca@studio.it"));
            await session.SaveChangesAsync();
        }

        await AppendAsync(scope.Store, a, new CustomerBlocked(a, "again", At), new CustomerUnblocked(a, At));

        var report = await VerifyAsync(scope.Store);
        report.IsIntact.ShouldBeTrue();
        (report.StreamsChecked, report.EventsChecked).ShouldBe((2L, 7L));
        (await LinksAsync(scope.Schema)).ShouldBe(7);
    }

    [Fact]
    public void tundas_store_appends_in_quick_mode_so_every_test_here_covers_it()
    {
        var options = new StoreOptions();
        TundaStore.Configure(options, new TundaStoreSettings("Host=unused", "unused"));
        options.Events.AppendMode.ShouldBe(EventAppendMode.Quick);
    }

    /// <summary>
    /// Marten fills the sequence numbers a failed unit of work drew with events on its tombstone
    /// stream, numbered by sequence rather than by version; they are neither linked nor checked.
    /// </summary>
    [Fact]
    public async Task tombstones_of_a_failed_unit_of_work_stay_out_of_the_chain()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (_, b) = await TwoCustomersAsync(scope.Store);
        var c = Guid.NewGuid();
        await using (var session = scope.Store.LightweightSession())
        {
            session.Events.StartStream<Customer>(c, Person(c), new CustomerBlocked(c, "unpaid", At));
            session.Events.Append(b, 99, new CustomerUnblocked(b, At));
            await Should.ThrowAsync<EventStreamUnexpectedMaxEventIdException>(() => session.SaveChangesAsync());
        }

        (await TombstonesAsync(scope.Schema)).ShouldBe(2);
        var report = await VerifyAsync(scope.Store);
        report.IsIntact.ShouldBeTrue();
        (report.StreamsChecked, report.EventsChecked).ShouldBe((2L, 8L));
        (await LinksAsync(scope.Schema)).ShouldBe(8);
    }

    // Marten 9.62 writes tombstones off the failed save's path and keeps its wait for them internal,
    // so the rows are polled for (they land within milliseconds; the bound only stops a hang).
    private static async Task<long> TombstonesAsync(string schema)
    {
        var sql = $"SELECT count(*) FROM {schema}.mt_events WHERE stream_id = '{Tombstone.StreamId}'";
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await TestDatabase.ScalarAsync<long>(sql) == 0 && !bound.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        return await TestDatabase.ScalarAsync<long>(sql);
    }
}
