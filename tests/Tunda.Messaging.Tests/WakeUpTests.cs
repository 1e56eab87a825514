using System.Diagnostics;
using Tunda.Messaging.Tests.Support;
using Store = Tunda.EventStore.EventStore;

namespace Tunda.Messaging.Tests;

public sealed class WakeUpTests
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_message_published_by_one_bus_wakes_another_bus_worker_long_before_its_poll_interval()
    {
        await using var publisher = await BusScope.CreateAsync(TestMessages.RegisterPing);

        // Another node as another process would have it: its own store, data source and bus, polling
        // only every 30 s, so only the NOTIFY can explain a message handled within seconds.
        await using var otherStore = new Store(publisher.Store.Options);
        var otherOptions = BusScope.FastOptions();
        otherOptions.PollInterval = LongPoll;
        TestMessages.RegisterPing(otherOptions);
        await using var otherBus = new MessageBus(otherStore, otherOptions);
        await using var worker = otherBus.CreateWorker("listening-node");
        await worker.StartAsync();

        // The first message may still meet the worker's first claim; after it the worker sits in its long wait.
        await publisher.Bus.PublishAsync(new Ping("first"));
        await BusScope.EventuallyAsync(async () => await publisher.Handled.CountAsync("first") == 1, "the first ping is handled", timeoutSeconds: 20);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var clock = Stopwatch.StartNew();
        await publisher.Bus.PublishAsync(new Ping("second"));
        await BusScope.EventuallyAsync(async () => await publisher.Handled.CountAsync("second") == 1, "the second ping is handled", timeoutSeconds: 20);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (await publisher.CountAsync("messages")).ShouldBe(0);
    }
}
