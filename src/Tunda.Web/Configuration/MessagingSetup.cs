using Microsoft.Extensions.DependencyInjection.Extensions;
using JasperFx.CodeGeneration;
using Tunda.Web.Features.Messaging;
using Tunda.Web.Platform.Commands;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Tunda.Web.Configuration;

public static class MessagingSetup
{
    /// <summary>
    /// Wolverine on the Marten store: every handler's session committed after it runs with its outbox
    /// (AutoApplyTransactions), durable local queues, Balanced durability so several nodes share the
    /// work and recover each other's messages, the caller's metadata passed on to what a message
    /// causes, conflicts retried, refusals straight to the dead letters (read and replayed through
    /// <see cref="DeadLetterOffice"/>). Handler code is generated
    /// ahead of time (`./tunda codegen`) and loaded statically. Wolverine starts with the host when the
    /// database answers, else as soon as it does (<see cref="MessagingStartup"/>).
    /// </summary>
    public static IServiceCollection AddTundaMessaging(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UnitOfWork>();
        services.AddSingleton<ICommandSender, CommandSender>();
        services.AddSingleton<DeadLetterOffice>();
        MessagingStartup.Wrap(services, wolverine => wolverine.AddWolverine(options =>
        {
            options.ApplicationAssembly = typeof(MessagingSetup).Assembly;
            options.ServiceName = "tunda";
            options.Durability.Mode = DurabilityMode.Balanced;
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            options.Policies.PropagateIncomingHeadersToOutgoing(MetadataHeaders.Propagated);
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;

            // A lost race for a stream: decide again on the new state, a few times, spread out.
            options.OnException(StoreConflicts.Is)
                .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(50),
                    TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
            options.OnException<MessageRefusedException>().MoveToErrorQueue();
        }));
        return services;
    }
}
