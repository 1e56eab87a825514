using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tunda.Browser.Tests;

/// <summary>The real app on Kestrel (a browser needs a socket), on the test PostgreSQL in a schema of its own.</summary>
internal sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public BrowserApp(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        UseKestrel(0);
    }

    public string Schema { get; } = TestDatabase.NewSchemaName("browser");

    /// <summary>Starts the server and returns its address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("TUNDA_DB", TestDatabase.ConnectionString);
        builder.UseSetting("Tunda:Schema", Schema);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
    }
}
