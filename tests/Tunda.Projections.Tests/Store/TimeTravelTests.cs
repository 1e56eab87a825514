using JasperFx.Events;
using Marten;
using Tunda.Domain.Customers;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Store;

/// <summary>
/// Auditors see a customer as it was: Marten folds the stream with the domain's own Evolve (the live
/// aggregate registered in TundaStore) up to a version or a moment.
/// </summary>
public sealed class TimeTravelTests
{
    [Fact]
    public async Task a_customer_folded_to_version_k_equals_the_domain_fold_of_its_first_k_events()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (customer, history) = await WriteHistoryAsync(scope);

        await using var session = scope.Store.QuerySession();
        for (var k = 1; k <= history.Count; k++)
        {
            var folded = await session.Events.AggregateStreamAsync<Customer>(customer, version: k);
            ShouldEqual(folded, Fold(history.Take(k)), $"version {k}");
        }
    }

    [Fact]
    public async Task a_customer_folded_to_a_moment_equals_the_domain_fold_of_the_events_stored_by_then()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (customer, history) = await WriteHistoryAsync(scope);

        await using var session = scope.Store.QuerySession();
        var stored = await session.Events.FetchStreamAsync(customer);
        stored.Select(e => e.Timestamp).ShouldBeInOrder(SortDirection.Ascending);
        stored.Select(e => e.Timestamp).Distinct().Count().ShouldBe(history.Count, "each unit of work has its own server timestamp");
        for (var k = 1; k <= history.Count; k++)
        {
            var expected = Fold(history.Take(k));
            var atEvent = await session.Events.AggregateStreamAsync<Customer>(customer, timestamp: stored[k - 1].Timestamp);
            ShouldEqual(atEvent, expected, $"at the moment of version {k}");
            if (k < history.Count)
            {
                // Timestamps are stored to the microsecond: one microsecond before the next event.
                var beforeNext = await session.Events.AggregateStreamAsync<Customer>(customer, timestamp: stored[k].Timestamp.AddTicks(-10));
                ShouldEqual(beforeNext, expected, $"just before version {k + 1}");
            }
        }
    }

    [Fact]
    public async Task a_customer_folded_to_a_moment_before_its_registration_does_not_exist()
    {
        await using var scope = await MartenScope.CreateAsync();
        var (customer, _) = await WriteHistoryAsync(scope);

        await using var session = scope.Store.QuerySession();
        var first = (await session.Events.FetchStreamAsync(customer))[0].Timestamp;
        (await session.Events.AggregateStreamAsync<Customer>(customer, timestamp: first.AddTicks(-10))).ShouldBeNull();
        (await session.Events.AggregateStreamAsync<Customer>(Guid.NewGuid())).ShouldBeNull();
    }

    /// <summary>A customer's life, one unit of work per event as the handlers write it.</summary>
    private static async Task<(Guid Customer, IReadOnlyList<object> History)> WriteHistoryAsync(MartenScope scope)
    {
        var customer = Guid.NewGuid();
        var contact = Guid.NewGuid();
        var moved = Details with { Address = new PostalAddress("Corso Italia 9", "Torino", "10121", "TO", "IT") };
        object[] history =
        [
            Person(customer),
            new CustomerEmailConfirmed(customer, "mario.rossi@example.it", At),
            new CustomerDetailsChanged(customer, moved, At),
            Invited(customer, contact, "luca.verdi@example.it"),
            new CustomerBlocked(customer, "unpaid", At),
            new ContactActivated(customer, contact, At),
            new CustomerUnblocked(customer, At),
        ];
        for (var i = 0; i < history.Length; i++)
        {
            await using var session = scope.Store.LightweightSession();
            if (i == 0)
            {
                session.Events.StartStream<Customer>(customer, history[i]);
            }
            else
            {
                session.Events.Append(customer, i + 1, history[i]);
            }

            await session.SaveChangesAsync();
        }

        return (customer, history);
    }

    private static Customer Fold(IEnumerable<object> events) => events.Aggregate(Customer.Empty, Customer.Evolve);

    /// <summary>Compares the contacts apart: an immutable dictionary compares by reference.</summary>
    private static void ShouldEqual(Customer? actual, Customer expected, string because)
    {
        actual.ShouldNotBeNull(because);
        (actual with { Contacts = Customer.Empty.Contacts }).ShouldBe(expected with { Contacts = Customer.Empty.Contacts }, because);
        actual.Contacts.Values.OrderBy(c => c.Id).ShouldBe(expected.Contacts.Values.OrderBy(c => c.Id), because);
    }
}
