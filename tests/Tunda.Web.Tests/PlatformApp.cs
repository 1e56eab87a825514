using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Platform;

namespace Tunda.Web.Tests;

/// <summary>
/// The real app for platform tests: extra endpoints, settings and environment, and a stand-in for
/// authentication (the <c>X-Test-User</c> header signs a request in) until the real one exists.
/// Drops its schema afterwards unless the test shares it with another app.
/// </summary>
internal sealed class PlatformApp(
    Action<IEndpointRouteBuilder>? endpoints = null,
    IReadOnlyDictionary<string, string?>? settings = null,
    string environment = "Testing",
    string? schema = null) : WebApplicationFactory<Program>
{
    public const string TestUserHeader = "X-Test-User";

    public string Schema { get; } = schema ?? TestDatabase.NewSchemaName("platform");

    public HttpClient Client(string baseAddress = "http://localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("TUNDA_DB", TestDatabase.ConnectionString);
        builder.UseSetting("Tunda:Schema", Schema);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new TestUserFilter());
            if (endpoints is not null)
            {
                services.AddSingleton(new EndpointModule(endpoints));
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (schema is null)
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
