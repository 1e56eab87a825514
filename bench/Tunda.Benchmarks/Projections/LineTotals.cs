using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Tunda.Benchmarks.Projections;

/// <summary>One document per stream: how many invoice lines it holds and their total.</summary>
public sealed class LineTotals
{
    public Guid Id { get; set; }

    public int Lines { get; set; }

    public decimal Total { get; set; }

    /// <summary>The sequence of the last event folded in: lets the lag measurement see which appends a committed batch covered.</summary>
    public long LastSequence { get; set; }
}

/// <summary>The benchmark's single-stream projection (test-only, registered async).</summary>
public sealed class LineTotalsProjection : SingleStreamProjection<LineTotals, Guid>
{
    public const string ProjectionName = "bench_line_totals";

    public LineTotalsProjection() => Name = ProjectionName;

    public override LineTotals? Evolve(LineTotals? snapshot, Guid id, IEvent e)
    {
        var totals = snapshot ?? new LineTotals { Id = id };
        if (e.Data is InvoiceLineAdded line)
        {
            totals.Lines++;
            totals.Total += line.Quantity * line.UnitPrice;
            totals.LastSequence = e.Sequence;
        }

        return totals;
    }
}
