using JasperFx;
using Marten;
using Tunda.Domain;

namespace Tunda.Web.Platform.Commands;

/// <summary>An accepted command, the state it was decided on, and the events it produced.</summary>
public sealed record AggregateStep<TCommand, TState>(TCommand Command, TState Before, IReadOnlyList<object> Events);

/// <summary>What an aggregate command produced: the stream, its version after the append, the events.</summary>
public sealed record Appended(Guid StreamId, long Version, IReadOnlyList<object> Events);

/// <summary>
/// The usual use case in a few lines: which stream, the pure decider, and which messages the new
/// events send. The stream is loaded with Marten's <c>FetchForWriting</c> (folded by the domain's
/// Evolve, see TundaStore), so the append is checked against the version that was decided on.
/// Rejections come back with every DomainError the decider found.
/// </summary>
public sealed class AggregateHandler<TCommand, TState>
    where TCommand : notnull
    where TState : class
{
    public required Func<TCommand, Guid> StreamId { get; init; }

    public required TState Initial { get; init; }

    public required Func<TState, TCommand, DateTimeOffset, Decision> Decide { get; init; }

    /// <summary>The version the caller read (for edits made on a screen); null means "latest, retry on conflict".</summary>
    public Func<TCommand, long?>? ExpectedVersion { get; init; }

    /// <summary>Messages to send, given the command and the events just decided.</summary>
    public Func<TCommand, IReadOnlyList<object>, IEnumerable<object>>? Messages { get; init; }

    /// <summary>
    /// Work that must commit with the events or not at all (a reservation, credentials, ending
    /// sessions, a one-time token and the e-mail carrying it). Runs only when the decider accepted,
    /// with the state as it was before the command. A returned DomainError rolls everything back.
    /// </summary>
    public Func<AggregateStep<TCommand, TState>, CommandContext, CancellationToken, Task<DomainError?>>? Then { get; init; }

    public async Task<object?> HandleAsync(TCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var streamId = StreamId(command);
        var expected = ExpectedVersion?.Invoke(command);
        context.UsesExplicitVersion = expected is not null;
        var stream = expected is { } version
            ? await context.Session.Events.FetchForWriting<TState>(streamId, version, cancellationToken)
            : await context.Session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        var state = stream.Aggregate ?? Initial;
        var decision = Decide(state, command, context.Now);
        if (!decision.IsAccepted)
        {
            return decision;   // every error, e.g. all of a form's field errors
        }

        if (decision.Events.Count > 0)
        {
            stream.AppendMany([.. decision.Events]);
        }

        foreach (var message in Messages?.Invoke(command, decision.Events) ?? [])
        {
            context.Publish(message);
        }

        if (Then is not null && await Then(new AggregateStep<TCommand, TState>(command, state, decision.Events), context, cancellationToken) is { } refused)
        {
            return refused;
        }

        return new Appended(streamId, (stream.StartingVersion ?? 0) + decision.Events.Count, decision.Events);
    }
}

/// <summary>
/// Load, decide, append for handlers that touch more than one stream in one unit of work (an
/// invitation with its login, a profile change with its login, a seed): the same steps
/// <see cref="AggregateHandler{TCommand, TState}"/> takes for one stream.
/// </summary>
public static class StreamSteps
{
    public static async Task<TState> LoadAsync<TState>(CommandContext context, Guid streamId, TState initial, CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var stream = await context.Session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        return stream.Aggregate ?? initial;
    }

    /// <summary>Decides on the stream as stored and queues the accepted events; returns the decision (with its errors if refused).</summary>
    public static async Task<Decision> DecideAsync<TState>(CommandContext context, Guid streamId, TState initial, Func<TState, Decision> decide, CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(decide);
        var stream = await context.Session.Events.FetchForWriting<TState>(streamId, cancellationToken);
        var decision = decide(stream.Aggregate ?? initial);
        if (decision.IsAccepted && decision.Events.Count > 0)
        {
            stream.AppendMany([.. decision.Events]);
        }

        return decision;
    }
}
