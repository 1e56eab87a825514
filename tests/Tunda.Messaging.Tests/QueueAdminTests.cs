using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

public sealed class QueueAdminTests
{
    [Fact]
    public async Task status_counts_ready_scheduled_claimed_and_dead_messages()
    {
        await using var scope = await BusScope.CreateAsync(TestMessages.RegisterPing);
        await scope.Bus.PublishAsync(new Ping("ready-1"));
        await scope.Bus.PublishAsync(new Ping("ready-2"));
        await scope.Bus.ScheduleAsync(new Ping("later"), DateTimeOffset.UtcNow.AddHours(1));
        await using var node = scope.Bus.CreateWorker("node-a");
        (await node.RegisterAndClaimAsync(1)).Count.ShouldBe(1);

        var status = await scope.Bus.Queue.StatusAsync();

        status.ShouldBe(status with { Ready = 1, Scheduled = 1, Claimed = 1, DeadLetters = 0, Nodes = 1 });
        status.OldestReadySince.ShouldNotBeNull();
    }

    [Fact]
    public async Task purged_inbox_ids_are_accepted_again_but_queued_ones_stay_deduplicated()
    {
        await using var scope = await BusScope.CreateAsync(TestMessages.RegisterPing);
        var handled = Guid.NewGuid();
        var queued = Guid.NewGuid();
        await scope.Bus.PublishAsync(new Ping("handled"), handled);
        await scope.ExecuteAsync($"DELETE FROM {{schema}}.messages WHERE id = '{handled}'");
        await scope.Bus.PublishAsync(new Ping("queued"), queued);
        await scope.ExecuteAsync("UPDATE {schema}.message_inbox SET received_at = now() - interval '30 days'");

        (await scope.Bus.Queue.PurgeInboxAsync(TimeSpan.FromDays(7))).ShouldBe(1);

        (await scope.Bus.PublishAsync(new Ping("handled"), handled)).ShouldBeTrue();
        (await scope.Bus.PublishAsync(new Ping("queued"), queued)).ShouldBeFalse();
    }
}
