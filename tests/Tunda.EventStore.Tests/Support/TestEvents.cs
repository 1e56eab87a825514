using Tunda.EventStore.Projections;

namespace Tunda.EventStore.Tests.Support;

public sealed record Deposited(decimal Amount);

public sealed record Withdrawn(decimal Amount);

public sealed record Renamed(string Name);

/// <summary>A small account folded from its events; what the projections under test store.</summary>
public sealed record Ledger(Guid Id, decimal Balance, int Events, string? Name, long Version)
{
    public static Ledger Create(Guid id) => new(id, 0, 0, null, 0);

    public Ledger Apply(object e) => e switch
    {
        Deposited d => this with { Balance = Balance + d.Amount, Events = Events + 1 },
        Withdrawn w => this with { Balance = Balance - w.Amount, Events = Events + 1 },
        Renamed r => this with { Name = r.Name, Events = Events + 1 },
        _ => this,
    };

    public Ledger Apply(StreamEvent e) => Apply(e.Data) with { Version = e.Version };

    public static StreamStateProjection<Ledger> Projection(string name = "ledgers", string table = "ledgers") =>
        new(name, table, Create, (state, e) => state.Apply(e));
}
