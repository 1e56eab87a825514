using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Tunda.Projections.Store;

/// <summary>
/// A domain state folded from its stream with the domain's own Evolve: how handlers load an
/// aggregate with <c>FetchForWriting</c> and how auditors see a stream at a past version or moment.
/// </summary>
public sealed class DomainAggregate<TState>(TState empty, Func<TState, object, TState> evolve) : SingleStreamProjection<TState, Guid>
    where TState : class
{
    public override TState? Evolve(TState? snapshot, Guid id, IEvent e) => evolve(snapshot ?? empty, e.Data);
}
