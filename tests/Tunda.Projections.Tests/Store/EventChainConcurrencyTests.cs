using JasperFx.Events;
using Marten;
using Npgsql;
using Tunda.Domain.Customers;
using Tunda.Projections.Store;
using static Tunda.Projections.Tests.Store.EventChainStreams;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Store;

public sealed class EventChainConcurrencyTests
{
    private const int Writers = 8;

    [Fact]
    public async Task eight_writers_on_separate_streams_leave_every_chain_intact()
    {
        await using var scope = await MartenScope.CreateAsync();
        var customers = Enumerable.Range(0, Writers).Select(_ => Guid.NewGuid()).ToArray();

        await Task.WhenAll(customers.Select(customer => Task.Run(async () =>
        {
            await AppendAsync(scope.Store, customer, Person(customer));
            for (var i = 0; i < 10; i++)
            {
                await AppendAsync(scope.Store, customer, new CustomerBlocked(customer, $"reason {i}", At), new CustomerUnblocked(customer, At));
            }
        })));

        var report = await VerifyAsync(scope.Store);
        report.IsIntact.ShouldBeTrue();
        (report.StreamsChecked, report.EventsChecked).ShouldBe((Writers, Writers * 21L));
    }

    /// <summary>Concurrent appends to one stream conflict on Marten's unique (stream_id, version); the losers retry.</summary>
    [Fact]
    public async Task eight_writers_racing_on_one_stream_through_fetch_for_writing_leave_one_intact_chain()
    {
        await using var scope = await MartenScope.CreateAsync();
        var customer = Guid.NewGuid();
        await AppendAsync(scope.Store, customer, Person(customer));

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                while (!await TryAppendAsync(scope.Store, customer, new CustomerBlocked(customer, $"writer {writer}, {i}", At)))
                {
                }
            }
        })));

        var report = await VerifyAsync(scope.Store);
        report.IsIntact.ShouldBeTrue();
        report.EventsChecked.ShouldBe(1 + Writers * 5);
    }

    [Fact]
    public async Task writers_that_lose_a_version_to_an_uncommitted_winner_leave_no_link_and_retry_onto_its_chain()
    {
        var application = $"chain-race-{Guid.NewGuid():N}";
        var tagged = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { ApplicationName = application }.ConnectionString;
        await using var scope = await MartenScope.CreateAsync(o => o.Connection(TundaStore.InUtc(tagged)));
        var customer = Guid.NewGuid();
        await AppendAsync(scope.Store, customer, Person(customer));

        // Hold the stream row: the first writer inserts version 2 (and its link) and then waits to
        // move the stream's version; the other seven wait on that writer's version 2 in mt_events.
        await using var holder = await TestDatabase.DataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM {scope.Schema}.mt_streams WHERE id = '{customer}' FOR UPDATE", holder, hold))
        {
            await lockRow.ExecuteScalarAsync();
        }

        var writers = Enumerable.Range(0, Writers)
            .Select(writer => Task.Run(() => AppendAsync(scope.Store, customer, new CustomerBlocked(customer, $"writer {writer}", At))))
            .ToArray();
        await UntilAllWaitOnLocksAsync(application, writers);
        await hold.RollbackAsync();
        var failures = await Task.WhenAll(writers.Select(FailureOfAsync));

        failures.Count(f => f is null).ShouldBe(1);
        failures.OfType<Exception>().ShouldAllBe(f => f is EventStreamUnexpectedMaxEventIdException);

        var afterRace = await VerifyAsync(scope.Store);
        afterRace.IsIntact.ShouldBeTrue();
        afterRace.EventsChecked.ShouldBe(2);
        (await LinksAsync(scope.Schema)).ShouldBe(2);

        await Task.WhenAll(Enumerable.Range(0, Writers - 1).Select(writer => Task.Run(async () =>
        {
            while (!await TryAppendAsync(scope.Store, customer, new CustomerBlocked(customer, $"retry {writer}", At)))
            {
            }
        })));
        var report = await VerifyAsync(scope.Store);
        report.IsIntact.ShouldBeTrue();
        report.EventsChecked.ShouldBe(1 + Writers);
    }

    /// <summary>The application's way: load with FetchForWriting (the expected version), append, save.</summary>
    private static async Task<bool> TryAppendAsync(IDocumentStore store, Guid customer, object e)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Customer>(customer);
        stream.AppendOne(e);
        try
        {
            await session.SaveChangesAsync();
            return true;
        }
        catch (EventStreamUnexpectedMaxEventIdException)
        {
            return false;
        }
    }

    private static async Task<Exception?> FailureOfAsync(Task writer)
    {
        try
        {
            await writer;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    // Polls the server for what the writers are doing: there is no other signal that all of them
    // have reached their lock. A writer that finishes early ends the wait and fails the assertions;
    // the bound only turns a hang into a failure.
    private static async Task UntilAllWaitOnLocksAsync(string application, Task[] writers)
    {
        var sql = $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}' AND wait_event_type = 'Lock'";
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!writers.Any(w => w.IsCompleted) && await TestDatabase.ScalarAsync<long>(sql) < writers.Length)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), bound.Token);
        }
    }
}
