using Tunda.Domain;
using Tunda.Messaging.Handlers;
using Tunda.Messaging.Tests.Support;

namespace Tunda.Messaging.Tests;

/// <summary>The aggregate handler's Then step: side rows that commit with the events or not at all.</summary>
public sealed class AggregateStepTests
{
    private sealed record OpenVault(Guid VaultId, decimal Amount, bool RefuseAfterwards);

    [Fact]
    public async Task then_step_sees_the_state_before_and_its_rows_commit_with_the_events()
    {
        var seen = new List<decimal>();
        await using var scope = await BusScope.CreateAsync(o => o.Handlers.Aggregate(VaultHandler(seen)));
        var vault = Guid.NewGuid();

        (await scope.Bus.InvokeAsync(new OpenVault(vault, 40, RefuseAfterwards: false))).Status.ShouldBe(InvokeStatus.Succeeded);
        (await scope.Bus.InvokeAsync(new OpenVault(vault, 2, RefuseAfterwards: false))).Status.ShouldBe(InvokeStatus.Succeeded);

        seen.ShouldBe([0m, 40m]);
        (await scope.Store.FetchStreamAsync(vault)).Count.ShouldBe(2);
        (await scope.Handled.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task then_step_refusing_rolls_back_the_events_and_its_own_rows()
    {
        await using var scope = await BusScope.CreateAsync(o => o.Handlers.Aggregate(VaultHandler([])));
        var vault = Guid.NewGuid();

        var result = await scope.Bus.InvokeAsync(new OpenVault(vault, 40, RefuseAfterwards: true));

        result.Status.ShouldBe(InvokeStatus.Rejected);
        result.Error!.Code.ShouldBe("vault.refused_after_deciding");
        (await scope.Store.FetchStreamAsync(vault)).ShouldBeEmpty();
        (await scope.Handled.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task rejection_with_several_errors_returns_all_of_them()
    {
        await using var scope = await BusScope.CreateAsync(o => o.Handlers.Aggregate(new AggregateHandler<OpenVault, Account>
        {
            StreamType = "account",
            StreamId = c => c.VaultId,
            Initial = id => new Account(id, 0),
            Evolve = (s, e) => s.Apply(e),
            Decide = (_, _, _) => Decision.Reject([new DomainError("vault.bad", "Bad amount.", "amount"), new DomainError("vault.bad", "Bad owner.", "owner")]),
        }));

        var result = await scope.Bus.InvokeAsync(new OpenVault(Guid.NewGuid(), 1, RefuseAfterwards: false));

        result.Status.ShouldBe(InvokeStatus.Rejected);
        result.Errors.Select(e => e.Field).ShouldBe(["amount", "owner"]);
        result.Error!.Field.ShouldBe("amount");
    }

    private static AggregateHandler<OpenVault, Account> VaultHandler(List<decimal> seen) => new()
    {
        StreamType = "account",
        StreamId = c => c.VaultId,
        Initial = id => new Account(id, 0),
        Evolve = (s, e) => s.Apply(e),
        Decide = (_, c, now) => Decision.Accept(new Deposited(c.VaultId, c.Amount, now)),
        Then = async (step, context, cancellationToken) =>
        {
            seen.Add(step.Before.Balance);
            await HandledLog.RecordAsync(context, "vault", cancellationToken);
            return step.Command.RefuseAfterwards ? new DomainError("vault.refused_after_deciding", "Refused by the side step.") : null;
        },
    };
}
