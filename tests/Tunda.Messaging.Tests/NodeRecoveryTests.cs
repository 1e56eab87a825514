using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

public sealed class NodeRecoveryTests
{
    [Fact]
    public async Task rows_claimed_by_a_node_that_died_are_recovered_and_handled_exactly_once()
    {
        await using var scope = await BusScope.CreateAsync(TestMessages.RegisterPing);
        for (var i = 0; i < 5; i++)
        {
            await scope.Bus.PublishAsync(new Ping($"orphan-{i}"));
        }

        await using var dying = scope.Bus.CreateWorker("node-dead");
        (await dying.RegisterAndClaimAsync(10)).Count.ShouldBe(5);
        (await scope.CountAsync("messages", "owner = 'node-dead'")).ShouldBe(5);
        await scope.ExecuteAsync("UPDATE {schema}.message_nodes SET heartbeat = now() - interval '1 hour' WHERE name = 'node-dead'");

        await scope.StartWorkerAsync("node-alive");

        await BusScope.EventuallyAsync(async () => await scope.CountAsync("messages") == 0, "the orphaned rows are handled");
        (await scope.Handled.CountAsync()).ShouldBe(5);
        (await scope.Handled.ReadAsync()).Select(r => r.Label).Distinct().Count().ShouldBe(5);
        (await scope.CountAsync("message_nodes", "name = 'node-dead'")).ShouldBe(0);
    }

    [Fact]
    public async Task node_restarted_under_its_name_after_dying_with_claimed_rows_handles_them_exactly_once()
    {
        await using var scope = await BusScope.CreateAsync(TestMessages.RegisterPing);
        for (var i = 0; i < 3; i++)
        {
            await scope.Bus.PublishAsync(new Ping($"claimed-{i}"));
        }

        await using (var before = scope.Bus.CreateWorker("node-a"))
        {
            (await before.RegisterAndClaimAsync(10)).Count.ShouldBe(3);
        }

        // Its heartbeat is fresh, so no other node would free the rows yet: the restart does.
        await scope.StartWorkerAsync("node-a");

        await BusScope.EventuallyAsync(async () => await scope.CountAsync("messages") == 0, "the restarted node handles its rows");
        (await scope.Handled.CountAsync()).ShouldBe(3);
        (await scope.Handled.ReadAsync()).Select(r => r.Label).Distinct().Count().ShouldBe(3);
    }
}
