using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using Tunda.Projections.Store;
using Wolverine.Marten;

namespace Tunda.Web.Configuration;

public static class StoreSetup
{
    /// <summary>
    /// Marten with Tunda's configuration (<see cref="TundaStore"/>) on <c>TUNDA_DB</c> in the schema
    /// <c>Tunda:Schema</c>, as Wolverine's transactional inbox and outbox (its tables in the same
    /// schema), with the async daemon in hot/cold mode: one active node per projection.
    /// </summary>
    public static IServiceCollection AddTundaStore(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        services.AddSingleton(database);
        // For reads and rows outside a handler's unit of work (sessions, throttling, keys); in UTC like Marten's.
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(TundaStore.InUtc(database.ConnectionString)) { Name = "tunda-web" }.Build());
        services.AddMarten(options => TundaStore.Configure(options, new TundaStoreSettings(database.ConnectionString, database.Schema)))
            .UseLightweightSessions()
            .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = database.Schema)
            .AddAsyncDaemon(DaemonMode.HotCold);
        services.AddSingleton<StoreStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<StoreStartup>());
        return services;
    }
}
