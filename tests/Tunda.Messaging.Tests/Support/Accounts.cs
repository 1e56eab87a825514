using Tunda.Domain;
using Tunda.Messaging.Handlers;

namespace Tunda.Messaging.Tests.Support;

public sealed record Deposited(Guid AccountId, decimal Amount, DateTimeOffset At);

public sealed record Withdrawn(Guid AccountId, decimal Amount, DateTimeOffset At);

public sealed record Deposit(Guid AccountId, decimal Amount, long? ExpectedVersion = null);

public sealed record Withdraw(Guid AccountId, decimal Amount);

/// <summary>Sent for every deposit of 100 or more (an aggregate handler's outgoing message).</summary>
public sealed record LargeDepositNoticed(Guid AccountId, decimal Amount);

/// <summary>A tiny aggregate in the Domain shape: state with Apply, a pure Decide.</summary>
public sealed record Account(Guid Id, decimal Balance)
{
    public Account Apply(object e) => e switch
    {
        Deposited d => this with { Balance = Balance + d.Amount },
        Withdrawn w => this with { Balance = Balance - w.Amount },
        _ => this,
    };

    public static Decision Decide(Account state, object command, DateTimeOffset now) => command switch
    {
        Deposit d when d.Amount <= 0 => Decision.Reject("account.amount_not_positive", "A deposit must be positive."),
        Deposit d => Decision.Accept(new Deposited(d.AccountId, d.Amount, now)),
        Withdraw w when w.Amount > state.Balance => Decision.Reject("account.insufficient_funds", "Not enough money."),
        Withdraw w => Decision.Accept(new Withdrawn(w.AccountId, w.Amount, now)),
        _ => throw new ArgumentException($"Unknown command {command.GetType()}", nameof(command)),
    };

    public static void Register(HandlerRegistry handlers)
    {
        handlers.Aggregate(new AggregateHandler<Deposit, Account>
        {
            StreamType = "account",
            StreamId = c => c.AccountId,
            Initial = id => new Account(id, 0),
            Evolve = (s, e) => s.Apply(e),
            Decide = (s, c, now) => Decide(s, c, now),
            ExpectedVersion = c => c.ExpectedVersion,
            Messages = (c, events) => c.Amount >= 100 ? [new LargeDepositNoticed(c.AccountId, c.Amount)] : [],
        });
        handlers.Aggregate(new AggregateHandler<Withdraw, Account>
        {
            StreamType = "account",
            StreamId = c => c.AccountId,
            Initial = id => new Account(id, 0),
            Evolve = (s, e) => s.Apply(e),
            Decide = (s, c, now) => Decide(s, c, now),
        });
    }
}
