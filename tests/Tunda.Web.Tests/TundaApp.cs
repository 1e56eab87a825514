using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Messaging;
using Tunda.Web.Configuration;

namespace Tunda.Web.Tests;

/// <summary>The real web app on the test PostgreSQL, in a schema of its own that is dropped afterwards.</summary>
internal sealed class TundaApp(EventStoreModule? module = null, string? connectionString = null, MessagingModule? messaging = null) : WebApplicationFactory<Program>
{
    public string Schema { get; } = TestDatabase.NewSchemaName("web");

    public async Task<EventStore.EventStore> StoreReadyAsync()
    {
        await Services.GetRequiredService<StoreStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return Services.GetRequiredService<EventStore.EventStore>();
    }

    /// <summary>The app's bus, once its tables exist and its worker runs.</summary>
    public async Task<MessageBus> BusReadyAsync()
    {
        await Services.GetRequiredService<MessagingStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return Services.GetRequiredService<MessageBus>();
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

            if (messaging is not null)
            {
                services.AddSingleton(messaging);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (connectionString is null)
        {
            await TestDatabase.DropSchemaAsync(Schema);
        }
    }
}
