using Tunda.Messaging;

namespace Tunda.Web.Configuration;

/// <summary>Message aliases, handlers and retry rules added by a module or a test.</summary>
public sealed record MessagingModule(Action<MessagingOptions> Configure);

public static class MessagingSetup
{
    /// <summary>Timings and batch sizes (<see cref="MessagingOptions"/>) are read from this section.</summary>
    public const string Section = "Tunda:Messaging";

    /// <summary>
    /// The bus on the event store's database and a hosted service that migrates its tables and runs
    /// this process's worker. Needs <see cref="EventStoreSetup.AddTundaEventStore"/> first.
    /// </summary>
    public static IServiceCollection AddTundaMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider =>
        {
            var options = new MessagingOptions();
            configuration.GetSection(Section).Bind(options);
            foreach (var module in provider.GetServices<MessagingModule>())
            {
                module.Configure(options);
            }

            return options;
        });
        services.AddSingleton(provider => new MessageBus(provider.GetRequiredService<EventStore.EventStore>(), provider.GetRequiredService<MessagingOptions>()));
        services.AddSingleton<IMessageBus>(provider => provider.GetRequiredService<MessageBus>());
        services.AddSingleton<MessagingStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<MessagingStartup>());
        return services;
    }
}
