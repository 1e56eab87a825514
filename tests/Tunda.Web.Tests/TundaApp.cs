using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Configuration;

namespace Tunda.Web.Tests;

/// <summary>The real web app on the test PostgreSQL, in a schema of its own that is dropped afterwards.</summary>
internal sealed class TundaApp(EventStoreModule? module = null, string? connectionString = null) : WebApplicationFactory<Program>
{
    public string Schema { get; } = TestDatabase.NewSchemaName("web");

    public async Task<EventStore.EventStore> StoreReadyAsync()
    {
        await Services.GetRequiredService<StoreStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return Services.GetRequiredService<EventStore.EventStore>();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("TUNDA_DB", connectionString ?? TestDatabase.ConnectionString);
        builder.UseSetting("Tunda:Schema", Schema);
        builder.ConfigureServices(services =>
        {
            if (module is not null)
            {
                services.AddSingleton(module);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (connectionString is null)
        {
            await TestDatabase.ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
    }
}
