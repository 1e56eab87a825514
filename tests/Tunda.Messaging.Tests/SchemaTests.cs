using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task migrating_creates_the_messaging_tables_as_their_own_component_and_is_idempotent()
    {
        await using var scope = await BusScope.CreateAsync();
        await scope.Bus.MigrateAsync();

        foreach (var table in new[] { "messages", "message_inbox", "message_dead_letters", "message_nodes" })
        {
            (await scope.CountAsync(table)).ShouldBe(0);
        }

        (await scope.CountAsync("schema_migrations", "component = 'messaging'")).ShouldBe(1);
        (await scope.CountAsync("schema_migrations", "component = 'event_store'")).ShouldBeGreaterThanOrEqualTo(1);
    }
}
