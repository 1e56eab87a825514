using Wolverine.Runtime.Handlers;
using Wolverine.ErrorHandling;

namespace Tunda.Web.Platform.Commands;

/// <summary>
/// How a queued message's handler that throws is retried: each delay in turn, through the durable
/// queue (a retry survives a restart), then the message becomes a dead letter. A refusal
/// (<see cref="MessageRefusedException"/>) is never retried: no retry can change the answer.
/// </summary>
public static class QueuedMessageRetries
{
    public static void Apply(HandlerChain chain, params TimeSpan[] delays)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.OnException<MessageRefusedException>().MoveToErrorQueue();
        chain.OnException(e => e is not MessageRefusedException and not JasperFx.ConcurrencyException).ScheduleRetry(delays).Then.MoveToErrorQueue();
    }
}
