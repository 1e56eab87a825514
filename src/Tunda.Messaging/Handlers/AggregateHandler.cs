using Npgsql;
using Tunda.Domain;
using Tunda.EventStore;

namespace Tunda.Messaging.Handlers;

/// <summary>What an aggregate command produced: the stream, its version after the append, the events.</summary>
public sealed record Appended(Guid StreamId, long Version, IReadOnlyList<object> Events);

/// <summary>An accepted command, the state it was decided on, and the events it produced.</summary>
public sealed record AggregateStep<TCommand, TState>(TCommand Command, TState Before, IReadOnlyList<object> Events);

/// <summary>
/// The usual use case in a few lines: which stream, how to fold it, the pure decider, and which
/// messages the new events send. Rejections come back with every DomainError the decider found.
/// </summary>
public sealed class AggregateHandler<TCommand, TState>
    where TCommand : notnull
{
    public required string StreamType { get; init; }

    public required Func<TCommand, Guid> StreamId { get; init; }

    public required Func<Guid, TState> Initial { get; init; }

    public required Func<TState, object, TState> Evolve { get; init; }

    public required Func<TState, TCommand, DateTimeOffset, Decision> Decide { get; init; }

    /// <summary>The version the caller read (for edits made on a screen); null means "latest, retry on conflict".</summary>
    public Func<TCommand, long?>? ExpectedVersion { get; init; }

    /// <summary>Messages to send, given the command and the events just decided.</summary>
    public Func<TCommand, IReadOnlyList<object>, IEnumerable<object>>? Messages { get; init; }

    /// <summary>
    /// Work that must commit with the events or not at all (a reservation row, credentials, ending
    /// sessions, a one-time token and the e-mail carrying it). Runs only when the decider accepted,
    /// inside the same transaction, with the state as it was before the command. A returned
    /// DomainError rolls everything back, events included.
    /// </summary>
    public Func<AggregateStep<TCommand, TState>, MessageContext, CancellationToken, Task<DomainError?>>? Then { get; init; }

    internal async Task<object?> HandleAsync(TCommand command, MessageContext context, CancellationToken cancellationToken)
    {
        var streamId = StreamId(command);
        var expected = ExpectedVersion?.Invoke(command);
        context.UsesExplicitVersion = expected is not null;
        if (context.Attempt > 1)
        {
            await SerializeRetriesAsync(context, streamId, cancellationToken);
        }

        var history = await context.Store.FetchStreamAsync(context.Transaction, streamId, cancellationToken: cancellationToken);
        var version = history.Count == 0 ? 0 : history[^1].Version;
        if (expected is { } stale && stale != version)
        {
            throw new ConcurrencyException(streamId, EventStore.ExpectedVersion.Exactly(stale), history.Count == 0 ? null : version);
        }

        var state = history.Aggregate(Initial(streamId), (s, e) => Evolve(s, e.Data));
        var decision = Decide(state, command, context.Now);
        if (!decision.IsAccepted)
        {
            return decision;   // every error, e.g. all of a form's field errors
        }

        if (decision.Events.Count > 0)
        {
            context.Session.Append(streamId, StreamType, EventStore.ExpectedVersion.Exactly(version), [.. decision.Events]);
        }

        foreach (var message in Messages?.Invoke(command, decision.Events) ?? [])
        {
            context.Publish(message);
        }

        if (Then is not null && await Then(new AggregateStep<TCommand, TState>(command, state, decision.Events), context, cancellationToken) is { } refused)
        {
            return refused;
        }

        return new Appended(streamId, version + decision.Events.Count, decision.Events);
    }

    /// <summary>
    /// A retry after a conflict queues behind other retries on the same stream (a transaction-scoped
    /// advisory lock taken before loading), so a crowd of writers drains one by one instead of
    /// colliding again. Only first attempts still race, and there are at most as many as callers.
    /// </summary>
    private static async Task SerializeRetriesAsync(MessageContext context, Guid streamId, CancellationToken cancellationToken)
    {
        await using var command = context.Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))");
        command.Parameters.Add(new NpgsqlParameter { Value = $"tunda-stream:{streamId}" });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
