using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Configuration;
using Tunda.Web.Features.Health;
using Tunda.Web.Platform.Commands;
using Wolverine.Tracking;

namespace Tunda.Web.Tests;

/// <summary>
/// The real web app in an Alba host on the test PostgreSQL, in a schema of its own (Marten's and
/// Wolverine's tables included) that is dropped afterwards.
/// </summary>
internal sealed class TundaApp : IAsyncDisposable
{
    private readonly bool _ownsSchema;

    private TundaApp(IAlbaHost host, string schema, bool ownsSchema)
    {
        Host = host;
        Schema = schema;
        _ownsSchema = ownsSchema;
    }

    public IAlbaHost Host { get; }

    public string Schema { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>How tests send commands and messages: exactly as pages and the API do.</summary>
    public ICommandSender Bus => Services.GetRequiredService<ICommandSender>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="configure">Settings and services for this test (see EmailApps, AccountsApp).</param>
    /// <param name="connectionString">Another way to the database (e.g. a relay the test can cut, see HealthDatabaseProxy); the app then does not wait for its store nor drop its schema. (An unreachable database stops the app at start: Wolverine reads its node table then.)</param>
    /// <param name="sharedSchema">The schema of another app of the same test (a second node); that test drops it.</param>
    public static async Task<TundaApp> StartAsync(Action<IWebHostBuilder>? configure = null, string? connectionString = null, string? sharedSchema = null)
    {
        var schema = sharedSchema ?? TestDatabase.NewSchemaName("web");
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("TUNDA_DB", connectionString ?? TestDatabase.ConnectionString);
            builder.UseSetting("Tunda:Schema", schema);
            builder.UseSetting(HealthEndpoint.TokenSetting, HealthToken);
            configure?.Invoke(builder);
        });
        var app = new TundaApp(host, schema, ownsSchema: connectionString is null && sharedSchema is null);
        if (connectionString is null)
        {
            await app.Get<StoreStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        }

        return app;
    }

    /// <summary>The monitoring token every test app is configured with (see <see cref="HealthClient"/>).</summary>
    public const string HealthToken = "test-health-token-7f3c9a";

    /// <summary>A client that sees /health in detail, as a monitor with the configured token does.</summary>
    public HttpClient HealthClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", HealthToken);
        return client;
    }

    /// <summary>A client that does not follow redirects; with <paramref name="cookies"/> it keeps them (session, antiforgery).</summary>
    public HttpClient CreateClient(System.Net.CookieContainer? cookies = null)
    {
        var server = Host.Server;
        HttpMessageHandler handler = cookies is null
            ? server.CreateHandler()
            : new CookieContainerHandler(cookies) { InnerHandler = server.CreateHandler() };
        return new HttpClient(handler) { BaseAddress = server.BaseAddress };
    }

    /// <summary>The events of one stream, in order, as Marten reads them back.</summary>
    public async Task<IReadOnlyList<JasperFx.Events.IEvent>> StreamAsync(Guid streamId)
    {
        await using var session = Get<Marten.IDocumentStore>().QuerySession();
        return await session.Events.FetchStreamAsync(streamId);
    }

    /// <summary>Runs <paramref name="action"/> and waits until every message it caused, transitively, was handled.</summary>
    public Task<ITrackedSession> TrackAsync(Func<ICommandSender, Task> action, TimeSpan? timeout = null) =>
        Host.TrackActivity().Timeout(timeout ?? TimeSpan.FromSeconds(60)).IncludeExternalTransports()
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => action(Bus)));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_ownsSchema)
        {
            await TestDatabase.DropSchemaAsync(Schema);
        }
    }
}
