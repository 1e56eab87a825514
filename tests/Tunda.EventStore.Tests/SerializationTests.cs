using System.Text.Json.Nodes;
using Tunda.EventStore.Tests.Support;

namespace Tunda.EventStore.Tests;

public sealed class SerializationTests
{
    private sealed record CustomerRenamedV1(string FullName);

    private sealed record CustomerRenamed(string FirstName, string LastName);

    private sealed record NotRegistered(int X);

    [Fact]
    public async Task events_are_stored_under_their_alias_never_the_clr_name()
    {
        await using var scope = await StoreScope.CreateAsync();
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(Guid.NewGuid(), "ledger", new Deposited(12.50m)).SaveChangesAsync();
        }

        (await TestDatabase.ScalarAsync<string>($"SELECT type FROM {scope.Schema}.events")).ShouldBe("deposited");
        (await TestDatabase.ScalarAsync<string>($"SELECT data->>'amount' FROM {scope.Schema}.events")).ShouldBe("12.50");
    }

    [Fact]
    public async Task an_unregistered_event_type_is_refused_before_anything_is_written()
    {
        await using var scope = await StoreScope.CreateAsync();
        await using var session = scope.Store.OpenSession();
        Should.Throw<UnknownEventTypeException>(() => session.StartStream(Guid.NewGuid(), "ledger", new NotRegistered(1)));
        session.HasChanges.ShouldBeFalse();
    }

    [Fact]
    public async Task old_payloads_are_upcast_and_old_aliases_are_mapped_on_read()
    {
        var id = Guid.NewGuid();
        await using var old = await StoreScope.CreateAsync(o => o.Events.Register<CustomerRenamedV1>("customer_name_set"));
        await using (var session = old.Store.OpenSession())
        {
            await session.StartStream(id, "customer", new CustomerRenamedV1("Maria Rossi")).SaveChangesAsync();
        }

        // The same rows, read by a newer build that renamed the alias and split the field.
        await using var current = old.OpenPeer(
            o => o.Events
                .Register<CustomerRenamed>("customer_renamed", schemaVersion: 2)
                .AlsoKnownAs("customer_renamed", "customer_name_set")
                .Upcast("customer_name_set", 1, payload =>
                {
                    var parts = payload["fullName"]!.GetValue<string>().Split(' ', 2);
                    return new JsonObject { ["firstName"] = parts[0], ["lastName"] = parts[1] };
                }),
            "reader");

        var events = await current.FetchStreamAsync(id);
        events.Single().Data.ShouldBe(new CustomerRenamed("Maria", "Rossi"));
    }

    [Fact]
    public async Task a_stored_alias_unknown_to_this_build_is_read_as_an_unknown_event()
    {
        var id = Guid.NewGuid();
        await using var scope = await StoreScope.CreateAsync();
        await using (var session = scope.Store.OpenSession())
        {
            await session.StartStream(id, "ledger", new Deposited(1)).SaveChangesAsync();
        }

        await using var reader = scope.OpenPeer(_ => { }, "reader");
        await scope.ExecuteAsync("UPDATE {schema}.events SET type = 'from_the_future'");
        var unknown = (await reader.FetchStreamAsync(id)).Single().Data.ShouldBeOfType<UnknownEvent>();
        unknown.Type.ShouldBe("from_the_future");
        unknown.Data.GetProperty("amount").GetDecimal().ShouldBe(1);
    }
}
