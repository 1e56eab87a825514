using Tunda.Domain;
using Tunda.EventStore;

namespace Tunda.Messaging.Handlers;

/// <summary>
/// Runs a handler in a fresh unit of work and commits once. A concurrency conflict is retried from
/// a fresh load (bounded, jittered) unless the handler used an explicit expected version; the caller
/// gets a conflict then, or when the attempts run out. Any other exception rolls everything back
/// and propagates.
/// </summary>
internal sealed class HandlerInvoker(MessageBus bus)
{
    // A unit of work holds one pooled connection and loading a stream borrows a second; capping the
    // units in flight keeps a burst of commands from emptying the pool and then waiting on itself.
    // (So a handler must not call InvokeAsync itself: it publishes instead.)
    private readonly SemaphoreSlim _inFlight = new(bus.Options.MaxConcurrentUnitsOfWork, bus.Options.MaxConcurrentUnitsOfWork);

    /// <summary>
    /// <paramref name="claim"/> runs first inside the unit of work (a worker deletes its queue row
    /// there); when it returns false the work is abandoned and the result is null.
    /// </summary>
    public async Task<InvokeResult?> RunAsync(
        object message,
        Guid messageId,
        EventMetadata incoming,
        Func<UnitOfWork, CancellationToken, Task<bool>>? claim,
        CancellationToken cancellationToken)
    {
        var handler = bus.Options.Handlers.For(message.GetType());
        var metadata = incoming with
        {
            CorrelationId = incoming.CorrelationId ?? messageId,
            CausationId = messageId,
        };

        for (var attempt = 1; ; attempt++)
        {
            var (result, conflict) = await AttemptAsync(handler, message, messageId, metadata, claim, attempt, cancellationToken);
            if (conflict is null)
            {
                return result;
            }

            if (attempt >= bus.Options.MaxConflictAttempts)
            {
                return InvokeResult.Conflict(conflict.Message);
            }

            await Task.Delay(Backoff(attempt), cancellationToken);
        }
    }

    /// <summary>One try; a conflict worth retrying comes back as the exception, with no result.</summary>
    private async Task<(InvokeResult? Result, ConcurrencyException? RetryableConflict)> AttemptAsync(
        MessageHandler handler,
        object message,
        Guid messageId,
        EventMetadata metadata,
        Func<UnitOfWork, CancellationToken, Task<bool>>? claim,
        int attempt,
        CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            await using var work = await UnitOfWork.BeginAsync(bus, metadata, cancellationToken);
            if (claim is not null && !await claim(work, cancellationToken))
            {
                return (null, null);
            }

            var context = new MessageContext(work, bus.Store, messageId, metadata, bus.Options.Clock.GetUtcNow(), attempt);
            try
            {
                var value = await handler(message, context, cancellationToken);
                if (value is DomainError error)
                {
                    return (InvokeResult.Rejected([error]), null);
                }

                if (value is Decision { IsAccepted: false } refused)
                {
                    return (InvokeResult.Rejected(refused.Errors), null);
                }

                var lastSequence = await work.CommitAsync(cancellationToken);
                return (InvokeResult.Success(value, lastSequence), null);
            }
            catch (ConcurrencyException conflict) when (context.UsesExplicitVersion)
            {
                return (InvokeResult.Conflict(conflict.Message), null);
            }
            catch (ConcurrencyException conflict)
            {
                // Disposing the unit of work rolls it back; the caller starts a fresh one.
                return (null, conflict);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = bus.Options.ConflictBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 6));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
