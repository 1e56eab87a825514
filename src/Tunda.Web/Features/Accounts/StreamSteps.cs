using Tunda.Domain;
using Tunda.EventStore;
using Tunda.Messaging;

namespace Tunda.Web.Features.Accounts;

/// <summary>
/// Load, decide, append for handlers that touch more than one stream in one unit of work (an
/// invitation with its login, a profile change with its login, a seed): the same steps AggregateHandler takes for one stream.
/// </summary>
internal static class StreamSteps
{
    public static async Task<(TState State, long Version)> LoadAsync<TState>(MessageContext context, Guid streamId, TState initial, Func<TState, object, TState> evolve, CancellationToken cancellationToken)
    {
        var history = await context.Store.FetchStreamAsync(context.Transaction, streamId, cancellationToken: cancellationToken);
        var state = history.Aggregate(initial, (s, e) => evolve(s, e.Data));
        return (state, history.Count == 0 ? 0 : history[^1].Version);
    }

    /// <summary>Decides on the stream as stored and queues the accepted events; returns the decision (with its errors if refused).</summary>
    public static async Task<Decision> DecideAsync<TState>(
        MessageContext context, string streamType, Guid streamId, TState initial, Func<TState, object, TState> evolve, Func<TState, Decision> decide, CancellationToken cancellationToken)
    {
        var (state, version) = await LoadAsync(context, streamId, initial, evolve, cancellationToken);
        var decision = decide(state);
        if (decision.IsAccepted && decision.Events.Count > 0)
        {
            context.Session.Append(streamId, streamType, ExpectedVersion.Exactly(version), [.. decision.Events]);
        }

        return decision;
    }
}
