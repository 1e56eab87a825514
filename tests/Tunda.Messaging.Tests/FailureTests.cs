using System.Collections.Concurrent;
using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

public sealed class FailureTests
{
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
}
