using System.Globalization;
using Tunda.EventStore;
using Tunda.EventStore.Projections;
using Tunda.Messaging.Subscriptions;
using Tunda.Messaging.Tests.Support;
using Tunda.Messaging.Tracking;

namespace Tunda.Messaging.Tests;

public sealed class SubscriptionTests
{
    [Fact]
    public async Task subscription_sends_one_message_per_matching_event_in_commit_order_across_a_daemon_restart()
    {
        await using var scope = await CreateWithDepositNoticesAsync();
        await scope.StartWorkerAsync("node-a");
        var accounts = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };

        var daemon = await scope.StartDaemonAsync();
        var head = await CommitDepositsAndWithdrawalsAsync(scope, accounts, rounds: 10);
        await scope.Store.Admin.WaitForAsync("deposit_notices", head, TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        head = await CommitDepositsAndWithdrawalsAsync(scope, accounts, rounds: 10);
        await scope.StartDaemonAsync();
        await scope.Store.Admin.WaitForAsync("deposit_notices", head, TimeSpan.FromSeconds(60));

        var deposits = new List<long>();
        foreach (var account in accounts)
        {
            deposits.AddRange((await scope.Store.FetchStreamAsync(account)).Where(e => e.Data is Deposited).Select(e => e.Sequence));
        }

        deposits.Count.ShouldBe(60);
        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync() >= deposits.Count && await scope.CountAsync("messages") == 0, "every notice is handled");
        var handled = await scope.Handled.ReadAsync();
        handled.Select(h => long.Parse(h.Label, CultureInfo.InvariantCulture)).ShouldBe(deposits.Order());
        handled.Select(h => h.MessageId).Distinct().Count().ShouldBe(deposits.Count);
    }

    [Fact]
    public async Task tracked_session_waits_for_every_message_an_action_caused_and_reports_its_dead_letters()
    {
        await using var scope = await BusScope.CreateAsync(
            o =>
            {
                o.Messages.Register<SendReceipt>("send_receipt").Register<ArchiveReceipt>("archive_receipt");
                o.Handlers.Handle<LargeDepositNoticed>((message, context, cancellationToken) => HandledLog.RecordAsync(context, "noticed", cancellationToken));
                o.Handlers.Handle<SendReceipt>(async (message, context, cancellationToken) =>
                {
                    if (message.Amount == 666)
                    {
                        throw new InvalidOperationException($"cannot send a receipt for {message.Amount}");
                    }

                    await HandledLog.RecordAsync(context, "receipt", cancellationToken);
                    context.Publish(new ArchiveReceipt(message.AccountId));
                });
                o.Handlers.Handle<ArchiveReceipt>((message, context, cancellationToken) => HandledLog.RecordAsync(context, "archive", cancellationToken));
            },
            (store, messaging) => store.Projections.Add(
                EventSubscription.When<Deposited>("receipts", messaging, (d, e) => new SendReceipt(d.AccountId, d.Amount)),
                ProjectionLifecycle.Async));
        await scope.StartWorkerAsync("node-a");
        await scope.StartWorkerAsync("node-b");
        await scope.StartDaemonAsync();
        var tracked = new TrackedSession(scope.Bus, "receipts");
        var account = Guid.NewGuid();

        var (result, session) = await tracked.InvokeAsync(new Deposit(account, 200));

        result.Succeeded.ShouldBeTrue();
        session.DeadLetters.ShouldBeEmpty();
        var handled = await scope.Handled.ReadAsync();
        handled.Select(h => h.Label).Order().ShouldBe(["archive", "noticed", "receipt"]);
        handled.ShouldAllBe(h => h.CorrelationId == session.CorrelationId);

        var customer = new Actor("c-1", ActorKind.Customer);
        var (_, failing) = await tracked.InvokeAsync(new Deposit(account, 666), new EventMetadata { Actor = customer });

        var letter = failing.DeadLetters.ShouldHaveSingleItem();
        letter.Type.ShouldBe("send_receipt");
        letter.Error.ShouldContain("cannot send a receipt for 666");
        letter.Metadata.CorrelationId.ShouldBe(failing.CorrelationId);
        var cause = (await scope.Store.FetchStreamAsync(account)).Single(e => e.Data is Deposited { Amount: 666 });
        letter.Metadata.CausationId.ShouldBe(cause.Id);
        letter.Metadata.Actor.ShouldBe(customer);
    }

    [Fact]
    public async Task rebuilding_a_subscription_does_not_send_its_messages_again()
    {
        await using var scope = await CreateWithDepositNoticesAsync();
        await scope.StartWorkerAsync("node-a");
        await scope.StartDaemonAsync();
        var head = await CommitDepositsAndWithdrawalsAsync(scope, [Guid.NewGuid()], rounds: 5);
        await scope.Store.Admin.WaitForAsync("deposit_notices", head, TimeSpan.FromSeconds(60));
        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync() == 5, "the first notices are handled");

        await scope.Store.Admin.RebuildAsync("deposit_notices");
        await scope.Store.Admin.WaitForAsync("deposit_notices", head, TimeSpan.FromSeconds(60));
        await scope.Bus.PublishAsync(new Ping("fence"));

        await BusScope.EventuallyAsync(async () => await scope.Handled.CountAsync("fence") == 1, "the fence is handled");
        (await scope.CountAsync("messages")).ShouldBe(0);
        (await scope.Handled.CountAsync()).ShouldBe(6);
    }

    /// <summary>A bus whose "deposit_notices" subscription sends a notice per deposit, handled by logging its sequence.</summary>
    private static Task<BusScope> CreateWithDepositNoticesAsync() =>
        BusScope.CreateAsync(
            o =>
            {
                TestMessages.RegisterPing(o);
                o.Messages.Register<DepositNotice>("deposit_notice");
                o.Handlers.Handle<DepositNotice>((message, context, cancellationToken) =>
                    HandledLog.RecordAsync(context, message.Sequence.ToString(CultureInfo.InvariantCulture), cancellationToken));
            },
            (store, messaging) => store.Projections.Add(
                EventSubscription.When<Deposited>("deposit_notices", messaging, (d, e) => new DepositNotice(e.Sequence)),
                ProjectionLifecycle.Async));

    private static async Task<long> CommitDepositsAndWithdrawalsAsync(BusScope scope, Guid[] accounts, int rounds)
    {
        long head = 0;
        for (var i = 0; i < rounds; i++)
        {
            foreach (var account in accounts)
            {
                head = Math.Max(head, (await scope.Bus.InvokeAsync(new Deposit(account, 5))).LastSequence);
            }

            head = Math.Max(head, (await scope.Bus.InvokeAsync(new Withdraw(accounts[i % accounts.Length], 1))).LastSequence);
        }

        return head;
    }

    private sealed record DepositNotice(long Sequence);

    private sealed record SendReceipt(Guid AccountId, decimal Amount);

    private sealed record ArchiveReceipt(Guid AccountId);
}
