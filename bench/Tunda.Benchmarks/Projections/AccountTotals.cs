using JasperFx.Events;
using Marten.Events.Projections;

namespace Tunda.Benchmarks.Projections;

/// <summary>One document per account, over all of the account's streams: a cross-stream view.</summary>
public sealed class AccountTotals
{
    public Guid Id { get; set; }

    public int Lines { get; set; }

    public decimal Total { get; set; }
}

/// <summary>The benchmark's multi-stream projection (test-only, registered async), grouped by the event's account.</summary>
public sealed class AccountTotalsProjection : MultiStreamProjection<AccountTotals, Guid>
{
    public const string ProjectionName = "bench_account_totals";

    public AccountTotalsProjection()
    {
        Name = ProjectionName;
        Identity<InvoiceLineAdded>(e => e.AccountId);
    }

    public override AccountTotals? Evolve(AccountTotals? snapshot, Guid id, IEvent e)
    {
        var totals = snapshot ?? new AccountTotals { Id = id };
        if (e.Data is InvoiceLineAdded line)
        {
            totals.Lines++;
            totals.Total += line.Quantity * line.UnitPrice;
        }

        return totals;
    }
}
