using JasperFx;
using JasperFx.Events;
using Marten;
using Tunda.Domain.Customers;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Store;

public sealed class AppendRaceTests
{
    private const int Contenders = 32;

    [Fact]
    public async Task thirty_two_writers_at_one_expected_version_one_wins_the_rest_get_a_concurrency_exception_and_versions_have_no_gap()
    {
        await using var scope = await MartenScope.CreateAsync();
        var customer = Guid.NewGuid();
        await using (var session = scope.Store.LightweightSession())
        {
            session.Events.StartStream<Customer>(customer, Person(customer));
            await session.SaveChangesAsync();
        }

        // Marten's expected version is the stream's version after the append: both events expect it at 1 now.
        var outcomes = await RaceAsync(scope.Store, (session, i) =>
            session.Events.Append(customer, 3, new CustomerBlocked(customer, $"writer {i}", At), new CustomerUnblocked(customer, At)));

        outcomes.Count(o => o is null).ShouldBe(1);
        outcomes.OfType<Exception>().ShouldAllBe(e => e is EventStreamUnexpectedMaxEventIdException);
        outcomes.OfType<ConcurrencyException>().Count().ShouldBe(Contenders - 1);

        await using var query = scope.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(customer);
        events.Select(e => e.Version).ShouldBe([1, 2, 3]);
        events.Select(e => e.Data.GetType()).ShouldBe([typeof(CustomerRegistered), typeof(CustomerBlocked), typeof(CustomerUnblocked)]);
        (await query.Events.FetchStreamStateAsync(customer))!.Version.ShouldBe(3);
    }

    [Fact]
    public async Task thirty_two_racing_starts_of_one_stream_have_one_winner_and_the_rest_fail()
    {
        await using var scope = await MartenScope.CreateAsync();
        var customer = Guid.NewGuid();

        var outcomes = await RaceAsync(scope.Store, (session, i) =>
            session.Events.StartStream<Customer>(customer, Person(customer, $"starter{i}@example.it")));

        outcomes.Count(o => o is null).ShouldBe(1);
        outcomes.OfType<Exception>().Count().ShouldBe(Contenders - 1);
        outcomes.OfType<Exception>().ShouldAllBe(e => e is Marten.Exceptions.ExistingStreamIdCollisionException);

        await using var query = scope.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(customer);
        events.Count.ShouldBe(1);
        events[0].Version.ShouldBe(1);
        (await scope.ScalarAsync<long>("SELECT count(*) FROM {schema}.mt_events")).ShouldBe(1);
    }

    /// <summary>
    /// Prepares every session, then saves them all at once behind one gate (awaited, so every contender
    /// is really waiting); null for each save that won, the exception for each that lost.
    /// </summary>
    private static async Task<Exception?[]> RaceAsync(IDocumentStore store, Action<IDocumentSession, int> prepare)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, Contenders).Select(async i =>
        {
            await using var session = store.LightweightSession();
            prepare(session, i);
            await gate.Task;
            try
            {
                await session.SaveChangesAsync();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(attempts);
    }
}
