using System.Collections.Concurrent;
using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

public sealed class QueueTests
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
    public async Task message_failing_three_times_then_succeeding_is_retried_after_each_backoff_delay()
    {
        var delays = new[] { TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(600) };
        var attempts = new ConcurrentQueue<DateTimeOffset>();
        await using var scope = await BusScope.CreateAsync(o =>
        {
            o.Messages.Register<Flaky>("flaky");
            o.Retry<Flaky>(new RetryPolicy(5, delays));
            o.Handlers.Handle<Flaky>(async (message, context, cancellationToken) =>
            {
                attempts.Enqueue(DateTimeOffset.UtcNow);
                await HandledLog.RecordAsync(context, message.Label, cancellationToken);
                if (attempts.Count <= 3)
                {
                    throw new InvalidOperationException($"attempt {attempts.Count} fails");
                }
            });
        });
        await scope.StartWorkerAsync("node-a");

        await scope.Bus.PublishAsync(new Flaky("flaky"));

        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync("flaky") == 1, "the fourth attempt commits");
        var times = attempts.ToArray();
        times.Length.ShouldBe(4);
        for (var i = 0; i < 3; i++)
        {
            // Lower bounds only, with a little slack for the database and test clocks: never too early.
            (times[i + 1] - times[i]).ShouldBeGreaterThanOrEqualTo(delays[i] - TimeSpan.FromMilliseconds(50));
        }

        (await scope.CountAsync("messages")).ShouldBe(0);
        (await scope.CountAsync("message_dead_letters")).ShouldBe(0);
    }

    [Fact]
    public async Task always_failing_message_is_dead_lettered_with_its_exception_and_replay_handles_it()
    {
        var repaired = false;
        await using var scope = await BusScope.CreateAsync(o =>
        {
            o.Messages.Register<Broken>("broken");
            o.Retry<Broken>(new RetryPolicy(3, [TimeSpan.FromMilliseconds(20)]));
            o.Handlers.Handle<Broken>(async (message, context, cancellationToken) =>
            {
                if (!Volatile.Read(ref repaired))
                {
                    throw new InvalidOperationException("the mail server said no");
                }

                await HandledLog.RecordAsync(context, message.Label, cancellationToken);
            });
        });
        await scope.StartWorkerAsync("node-a");

        await scope.Bus.PublishAsync(new Broken("broken"));
        await BusScope.EventuallyAsync(async () => await scope.CountAsync("message_dead_letters") == 1, "the message is dead-lettered");

        var letter = (await scope.Bus.DeadLetters.ListAsync()).Single();
        letter.Type.ShouldBe("broken");
        letter.Attempts.ShouldBe(3);
        letter.Error.ShouldContain("InvalidOperationException");
        letter.Error.ShouldContain("the mail server said no");
        (await scope.CountAsync("messages")).ShouldBe(0);
        (await scope.Handled.CountAsync()).ShouldBe(0);

        Volatile.Write(ref repaired, true);
        (await scope.Bus.DeadLetters.ReplayAsync(letter.Id)).ShouldBeTrue();
        (await scope.Bus.DeadLetters.ReplayAsync(letter.Id)).ShouldBeFalse();

        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync("broken") == 1, "the replayed message is handled");
        (await scope.Handled.ReadAsync()).Single().MessageId.ShouldBe(letter.Id);
        (await scope.Bus.DeadLetters.ListAsync()).ShouldBeEmpty();
        (await scope.CountAsync("messages")).ShouldBe(0);
    }

    [Fact]
    public async Task queued_command_refused_by_its_decider_is_dead_lettered_at_once_with_the_domain_error()
    {
        await using var scope = await BusScope.CreateAsync(o => o.Messages.Register<Withdraw>("withdraw"));
        await scope.StartWorkerAsync("node-a");
        var account = Guid.NewGuid();

        await scope.Bus.PublishAsync(new Withdraw(account, 1000));

        await BusScope.EventuallyAsync(async () => await scope.CountAsync("message_dead_letters") == 1, "the refusal is dead-lettered");
        var letter = (await scope.Bus.DeadLetters.ListAsync()).Single();
        letter.Attempts.ShouldBe(1);
        letter.Error.ShouldContain("account.insufficient_funds");
        (await scope.Store.FetchStreamAsync(account)).ShouldBeEmpty();
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
}
