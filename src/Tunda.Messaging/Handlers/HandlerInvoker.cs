using Tunda.Domain;
using Tunda.EventStore;

namespace Tunda.Messaging.Handlers;

/// <summary>
/// Runs a handler in a fresh unit of work and commits once. A concurrency conflict is retried from
/// a fresh load (bounded, jittered) unless the handler used an explicit expected version, in which
/// case the caller gets a conflict. Any other exception rolls everything back and propagates.
/// </summary>
internal sealed class HandlerInvoker(MessageBus bus)
{
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
            await using var work = await UnitOfWork.BeginAsync(bus, metadata, cancellationToken);
            if (claim is not null && !await claim(work, cancellationToken))
            {
                return null;
            }

            var context = new MessageContext(work, bus.Store, messageId, metadata, bus.Options.Clock.GetUtcNow(), attempt);
            try
            {
                var value = await handler(message, context, cancellationToken);
                if (value is DomainError error)
                {
                    return InvokeResult.Rejected(error);
                }

                var lastSequence = await work.CommitAsync(cancellationToken);
                return InvokeResult.Success(value, lastSequence);
            }
            catch (ConcurrencyException conflict) when (context.UsesExplicitVersion)
            {
                return InvokeResult.Conflict(conflict.Message);
            }
            catch (ConcurrencyException) when (attempt < bus.Options.MaxConflictAttempts)
            {
                // Falls through to a new unit of work: the disposed one rolled back.
            }

            await Task.Delay(Backoff(attempt), cancellationToken);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = bus.Options.ConflictBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 6));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
