using System.Security.Claims;
using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Configuration;
using Tunda.Web.Platform;

namespace Tunda.Web.Tests;

/// <summary>
/// The real app in an Alba host for platform tests: extra endpoints, settings and environment, and
/// a stand-in for authentication (the <c>X-Test-User</c> header signs a request in). Drops its
/// schema afterwards unless the test shares it with another app.
/// </summary>
internal sealed class PlatformApp : IAsyncDisposable
{
    public const string TestUserHeader = "X-Test-User";

    private readonly IAlbaHost _host;
    private readonly bool _ownsSchema;

    private PlatformApp(IAlbaHost host, string schema, bool ownsSchema)
    {
        _host = host;
        Schema = schema;
        _ownsSchema = ownsSchema;
    }

    public string Schema { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the app and waits until its schema is in place; a start that fails (a setting refused) throws here.</summary>
    /// <param name="schema">A schema shared with another app of the same test, which then drops it.</param>
    /// <param name="services">Further services (a log capture, say).</param>
    public static async Task<PlatformApp> StartAsync(
        Action<IEndpointRouteBuilder>? endpoints = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Testing",
        string? schema = null,
        Action<IServiceCollection>? services = null)
    {
        var name = schema ?? TestDatabase.NewSchemaName("platform");
        try
        {
            var host = await AlbaHost.For<Program>(builder =>
            {
                builder.UseEnvironment(environment);
                builder.UseSetting("TUNDA_DB", TestDatabase.ConnectionString);
                builder.UseSetting("Tunda:Schema", name);
                foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                {
                    builder.UseSetting(key, value);
                }

                builder.ConfigureServices(collection =>
                {
                    collection.AddSingleton<IStartupFilter>(new TestUserFilter());
                    if (endpoints is not null)
                    {
                        collection.AddSingleton(new EndpointModule(endpoints));
                    }

                    services?.Invoke(collection);
                });
            });
            try
            {
                await host.Services.GetRequiredService<StoreStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }

            return new PlatformApp(host, name, ownsSchema: schema is null);
        }
        catch when (schema is null)
        {
            await TestDatabase.DropSchemaAsync(name);
            throw;
        }
    }

    /// <summary>A client that does not follow redirects, sending requests to <paramref name="baseAddress"/>.</summary>
    public HttpClient Client(string baseAddress = "http://localhost") =>
        new(_host.Server.CreateHandler()) { BaseAddress = new Uri(baseAddress) };

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        if (_ownsSchema)
        {
            await TestDatabase.DropSchemaAsync(Schema);
        }
    }

    private sealed class TestUserFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[TestUserHeader] is [{ Length: > 0 } name])
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Test"));
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
