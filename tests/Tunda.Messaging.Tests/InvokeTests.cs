using Tunda.EventStore;
using Tunda.Messaging.Handlers;
using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

public sealed class InvokeTests
{
    [Fact]
    public async Task accepted_command_appends_its_events_and_sends_its_messages_in_one_commit()
    {
        await using var scope = await BusScope.CreateAsync();
        var account = Guid.NewGuid();

        var result = await scope.Bus.InvokeAsync(new Deposit(account, 150));

        result.Status.ShouldBe(InvokeStatus.Succeeded);
        result.ValueAs<Appended>().Version.ShouldBe(1);
        var events = await scope.Store.FetchStreamAsync(account);
        events.Select(e => e.Data).OfType<Deposited>().Single().Amount.ShouldBe(150);
        (await scope.CountAsync("messages", "type = 'large_deposit_noticed'")).ShouldBe(1);
    }

    [Fact]
    public async Task rejected_command_returns_the_domain_error_and_commits_nothing()
    {
        await using var scope = await BusScope.CreateAsync();
        var account = Guid.NewGuid();
        await scope.Bus.InvokeAsync(new Deposit(account, 10));

        var result = await scope.Bus.InvokeAsync(new Withdraw(account, 50));

        result.Status.ShouldBe(InvokeStatus.Rejected);
        result.Error!.Code.ShouldBe("account.insufficient_funds");
        (await scope.Store.FetchStreamAsync(account)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task handler_failing_after_appending_commits_nothing_and_sends_nothing()
    {
        var account = Guid.NewGuid();
        await using var scope = await BusScope.CreateAsync(o => o.Handlers.Handle<Explode>(async (command, context, cancellationToken) =>
        {
            context.Session.Append(account, "account", ExpectedVersion.Any, new Deposited(account, 500, context.Now));
            await context.Session.SaveChangesAsync(cancellationToken);
            context.Publish(new LargeDepositNoticed(account, 500));
            await HandledLog.RecordAsync(context, "explode", cancellationToken);
            throw new InvalidOperationException("boom after append");
        }));

        await Should.ThrowAsync<InvalidOperationException>(() => scope.Bus.InvokeAsync(new Explode()));

        (await scope.Store.FetchStreamAsync(account)).ShouldBeEmpty();
        (await scope.CountAsync("events")).ShouldBe(0);
        (await scope.CountAsync("messages")).ShouldBe(0);
        (await scope.Handled.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task twenty_concurrent_commands_without_expected_version_all_succeed_by_retrying()
    {
        await using var scope = await BusScope.CreateAsync();
        var account = Guid.NewGuid();
        await scope.Bus.InvokeAsync(new Deposit(account, 1));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 20).Select(async i =>
        {
            await gate.Task;
            return await scope.Bus.InvokeAsync(new Deposit(account, 10 + i));
        }).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        results.ShouldAllBe(r => r.Status == InvokeStatus.Succeeded);
        var events = await scope.Store.FetchStreamAsync(account);
        events.Count.ShouldBe(21);
        events.Select(e => e.Data).OfType<Deposited>().Sum(d => d.Amount).ShouldBe(1 + Enumerable.Range(10, 20).Sum());
    }

    [Fact]
    public async Task stale_explicit_expected_version_returns_a_conflict_and_appends_nothing()
    {
        await using var scope = await BusScope.CreateAsync();
        var account = Guid.NewGuid();
        await scope.Bus.InvokeAsync(new Deposit(account, 1));
        await scope.Bus.InvokeAsync(new Deposit(account, 2));

        var stale = await scope.Bus.InvokeAsync(new Deposit(account, 3, ExpectedVersion: 1));
        var current = await scope.Bus.InvokeAsync(new Deposit(account, 4, ExpectedVersion: 2));

        stale.Status.ShouldBe(InvokeStatus.Conflict);
        stale.Error!.Code.ShouldBe("concurrency.conflict");
        current.Status.ShouldBe(InvokeStatus.Succeeded);
        (await scope.Store.FetchStreamAsync(account)).Select(e => ((Deposited)e.Data).Amount).ShouldBe([1m, 2m, 4m]);
    }

    [Fact]
    public async Task command_correlation_and_actor_flow_to_its_events_and_messages_and_on_to_their_handlers()
    {
        var followUp = Guid.NewGuid();
        await using var scope = await BusScope.CreateAsync(o => o.Handlers.Handle<LargeDepositNoticed>(async (message, context, cancellationToken) =>
        {
            await HandledLog.RecordAsync(context, "noticed", cancellationToken);
            context.Session.Append(followUp, "account", ExpectedVersion.Any, new Deposited(followUp, 1, context.Now));
        }));
        await scope.StartWorkerAsync("node-a");
        var correlation = Guid.NewGuid();
        var staff = new Actor("staff-7", ActorKind.Staff);
        var account = Guid.NewGuid();

        await scope.Bus.InvokeAsync(new Deposit(account, 200), new EventMetadata { CorrelationId = correlation, Actor = staff });
        await BusScope.EventuallyAsync(async () => (await scope.Store.FetchStreamAsync(followUp)).Count == 1, "the follow-up event is appended");

        var commandEvent = (await scope.Store.FetchStreamAsync(account)).Single();
        commandEvent.Metadata.CorrelationId.ShouldBe(correlation);
        commandEvent.Metadata.Actor.ShouldBe(staff);
        var handled = (await scope.Handled.ReadAsync()).Single();
        handled.CorrelationId.ShouldBe(correlation);
        handled.CausationId.ShouldBe(handled.MessageId);
        var followUpEvent = (await scope.Store.FetchStreamAsync(followUp)).Single();
        followUpEvent.Metadata.CorrelationId.ShouldBe(correlation);
        followUpEvent.Metadata.CausationId.ShouldBe(handled.MessageId);
        followUpEvent.Metadata.Actor.ShouldBe(staff);
        commandEvent.Metadata.CausationId.ShouldNotBeNull().ShouldNotBe(handled.MessageId);
    }

    [Fact]
    public async Task handler_returning_a_domain_error_rolls_back_what_it_wrote()
    {
        var account = Guid.NewGuid();
        await using var scope = await BusScope.CreateAsync(o => o.Handlers.Handle<Refuse, object>(async (command, context, cancellationToken) =>
        {
            context.Session.Append(account, "account", ExpectedVersion.Any, new Deposited(account, 5, context.Now));
            await HandledLog.RecordAsync(context, "refuse", cancellationToken);
            context.Publish(new LargeDepositNoticed(account, 5));
            return new Tunda.Domain.DomainError("test.refused", "No.");
        }));

        var result = await scope.Bus.InvokeAsync(new Refuse());

        result.Status.ShouldBe(InvokeStatus.Rejected);
        result.Error!.Code.ShouldBe("test.refused");
        (await scope.CountAsync("events")).ShouldBe(0);
        (await scope.CountAsync("messages")).ShouldBe(0);
        (await scope.Handled.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task publishing_a_message_type_without_an_alias_fails_in_the_handler_and_commits_nothing()
    {
        var account = Guid.NewGuid();
        await using var scope = await BusScope.CreateAsync(o => o.Handlers.Handle<Explode>((command, context, cancellationToken) =>
        {
            context.Session.Append(account, "account", ExpectedVersion.Any, new Deposited(account, 5, context.Now));
            context.Publish(new Refuse());
            return Task.CompletedTask;
        }));

        var error = await Should.ThrowAsync<InvalidOperationException>(() => scope.Bus.InvokeAsync(new Explode()));

        error.Message.ShouldContain("no registered alias");
        (await scope.CountAsync("events")).ShouldBe(0);
    }

    private sealed record Refuse;

    private sealed record Explode;
}
