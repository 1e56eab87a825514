using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

public sealed class DeliveryTests
{
    [Fact]
    public async Task published_message_is_handled_once_and_leaves_the_queue()
    {
        await using var scope = await BusScope.CreateAsync(TestMessages.RegisterPing);
        await scope.StartWorkerAsync("node-a");

        (await scope.Bus.PublishAsync(new Ping("hello"))).ShouldBeTrue();

        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync("hello") == 1, "the ping is handled");
        (await scope.CountAsync("messages")).ShouldBe(0);
        (await scope.Handled.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task same_message_id_delivered_twice_or_concurrently_is_handled_once()
    {
        await using var scope = await BusScope.CreateAsync(TestMessages.RegisterPing);
        var twice = Guid.NewGuid();
        var concurrent = Guid.NewGuid();

        (await scope.Bus.PublishAsync(new Ping("twice"), twice)).ShouldBeTrue();
        (await scope.Bus.PublishAsync(new Ping("twice"), twice)).ShouldBeFalse();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deliveries = Enumerable.Range(0, 8).Select(async _ =>
        {
            await gate.Task;
            return await scope.Bus.PublishAsync(new Ping("concurrent"), concurrent);
        }).ToList();
        gate.SetResult();
        (await Task.WhenAll(deliveries)).Count(accepted => accepted).ShouldBe(1);

        await scope.StartWorkerAsync("node-a");
        await scope.StartWorkerAsync("node-b");
        await BusScope.EventuallyAsync(async () => await scope.CountAsync("messages") == 0, "the queue is empty");

        // Delivered again after it was handled: the inbox still remembers the id.
        (await scope.Bus.PublishAsync(new Ping("twice"), twice)).ShouldBeFalse();
        await scope.Bus.PublishAsync(new Ping("fence"));
        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync("fence") == 1, "the fence is handled");
        (await scope.Handled.CountAsync("twice")).ShouldBe(1);
        (await scope.Handled.CountAsync("concurrent")).ShouldBe(1);
    }

    [Fact]
    public async Task scheduled_message_fires_once_and_not_before_its_time_with_two_workers()
    {
        await using var scope = await BusScope.CreateAsync(TestMessages.RegisterPing);
        await scope.StartWorkerAsync("node-a");
        await scope.StartWorkerAsync("node-b");
        var at = DateTimeOffset.UtcNow.AddSeconds(2);

        await scope.Bus.ScheduleAsync(new Ping("scheduled"), at);

        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync("scheduled") == 1, "the scheduled ping is handled");
        (await scope.Handled.ReadAsync()).Single().HandledAt.ShouldBeGreaterThanOrEqualTo(at);
        await scope.Bus.PublishAsync(new Ping("fence-a"));
        await scope.Bus.PublishAsync(new Ping("fence-b"));
        await BusScope.EventuallyAsync(async () => await scope.CountAsync("messages") == 0, "the fences are handled");
        (await scope.Handled.CountAsync("scheduled")).ShouldBe(1);
    }

    [Fact]
    public async Task two_workers_handle_ten_thousand_messages_each_exactly_once()
    {
        await using var scope = await BusScope.CreateAsync(o =>
        {
            o.HandlersPerNode = 2;
            TestMessages.RegisterPing(o);
            TestMessages.RegisterFanOut(o);
        });
        await scope.StartWorkerAsync("node-a");
        await scope.StartWorkerAsync("node-b");

        (await scope.Bus.InvokeAsync(new FanOut(10_000))).Succeeded.ShouldBeTrue();

        await BusScope.EventuallyAsync(async () => await scope.CountAsync("messages") == 0, "the queue drains", timeoutSeconds: 300);
        (await scope.Handled.CountAsync()).ShouldBe(10_000);
        (await scope.ScalarAsync("SELECT count(DISTINCT message_id) FROM {schema}.handled")).ShouldBe(10_000);
        (await scope.ScalarAsync("SELECT count(DISTINCT label) FROM {schema}.handled")).ShouldBe(10_000);
        (await scope.CountAsync("message_dead_letters")).ShouldBe(0);
    }
}
