using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Tunda.Web.Platform.Commands;

/// <summary>
/// How a queued message's handler that throws is retried: each delay in turn, through the durable
/// queue (a retry survives a restart), then the message becomes a dead letter. A refusal
/// (<see cref="MessageRefusedException"/>) is never retried: no retry can change the answer.
/// </summary>
public static class QueuedMessageRetries
{
    /// <summary>The rules for the handler of <typeparamref name="TMessage"/>, with delays chosen when the app starts (from configuration or code).</summary>
    public static IHandlerPolicy For<TMessage>(IReadOnlyList<TimeSpan> delays) => new Policy(typeof(TMessage), [.. delays]);

    private sealed class Policy(Type messageType, TimeSpan[] delays) : IHandlerPolicy
    {
        public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
        {
            foreach (var chain in chains.Where(c => c.MessageType == messageType))
            {
                chain.OnException<MessageRefusedException>().MoveToErrorQueue();
                chain.OnException(e => e is not MessageRefusedException && !StoreConflicts.Is(e)).ScheduleRetry(delays).Then.MoveToErrorQueue();
            }
        }
    }
}
