using Marten;
using Tunda.Domain.Customers;
using Tunda.Projections.Store;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Store;

public sealed class StoreConfigurationTests
{
    [Fact]
    public async Task a_customer_stream_is_folded_by_the_domain_evolve_when_fetched_for_writing()
    {
        await using var scope = await MartenScope.CreateAsync();
        var customer = Guid.NewGuid();
        await using (var session = scope.Store.LightweightSession())
        {
            session.Events.StartStream<Customer>(customer, Person(customer), new CustomerBlocked(customer, "unpaid", At));
            await session.SaveChangesAsync();
        }

        await using var writer = scope.Store.LightweightSession();
        var stream = await writer.Events.FetchForWriting<Customer>(customer);
        stream.CurrentVersion.ShouldBe(2);
        stream.Aggregate.ShouldNotBeNull();
        stream.Aggregate.IsRegistered.ShouldBeTrue();
        stream.Aggregate.IsBlocked.ShouldBeTrue();
        stream.Aggregate.ShouldBe(Customer.Evolve(Customer.Evolve(Customer.Empty, Person(customer)), new CustomerBlocked(customer, "unpaid", At)));
    }

    [Fact]
    public async Task events_are_stored_under_their_pinned_names_with_camel_case_data_and_enums_as_strings()
    {
        await using var scope = await MartenScope.CreateAsync();
        var customer = Guid.NewGuid();
        await using (var session = scope.Store.LightweightSession())
        {
            session.Events.StartStream<Customer>(customer, Person(customer));
            await session.SaveChangesAsync();
        }

        await using var command = TestDatabase.DataSource.CreateCommand($"SELECT type, data::text FROM {scope.Schema}.mt_events WHERE stream_id = '{customer}'");
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        var (type, data) = (reader.GetString(0), reader.GetString(1));
        type.ShouldBe("customer_registered");
        data.ShouldContain("\"customerId\"");
        data.ShouldContain("\"kind\": \"Person\"");
    }
}
