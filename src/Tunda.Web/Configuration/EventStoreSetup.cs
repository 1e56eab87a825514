using Npgsql;
using Tunda.EventStore;
using Tunda.EventStore.Daemon;
using Tunda.Projections;

namespace Tunda.Web.Configuration;

/// <summary>Event aliases and projections added by a module or a test, after the ones Tunda.Projections declares.</summary>
public sealed record EventStoreModule(Action<EventStoreOptions> Configure);

public static class EventStoreSetup
{
    public static IServiceCollection AddTundaEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        services.AddSingleton(database);
        services.AddSingleton(_ => EventStore.EventStore.CreateDataSource(database.ConnectionString, "tunda-web"));
        services.AddSingleton(provider =>
        {
            var options = new EventStoreOptions { ConnectionString = database.ConnectionString, Schema = database.Schema };
            TundaProjections.Register(options);
            foreach (var module in provider.GetServices<EventStoreModule>())
            {
                module.Configure(options);
            }

            return new EventStore.EventStore(options, provider.GetRequiredService<NpgsqlDataSource>());
        });
        services.AddSingleton(provider => new ProjectionDaemon(provider.GetRequiredService<EventStore.EventStore>(), logger: provider.GetRequiredService<ILogger<ProjectionDaemon>>()));
        services.AddSingleton<StoreStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<StoreStartup>());
        return services;
    }
}
