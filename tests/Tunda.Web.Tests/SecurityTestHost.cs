using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests;

/// <summary>
/// A host with the real security services on the test PostgreSQL (own schema, dropped afterwards), a
/// hand-moved clock, in-memory directories and a few endpoints guarded the way pages and API will be.
/// </summary>
internal sealed class SecurityTestHost : IAsyncDisposable
{
    public const string Password = "Correct-horse-9!";

    private readonly WebApplication _app;

    private SecurityTestHost(WebApplication app, string schema)
    {
        _app = app;
        Schema = schema;
    }

    public string Schema { get; }

    public SecurityTestClock Clock => (SecurityTestClock)Services.GetRequiredService<TimeProvider>();

    public SecurityTestAccounts Accounts => Services.GetRequiredService<SecurityTestAccounts>();

    public SecurityTestStaff Staff => Services.GetRequiredService<SecurityTestStaff>();

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<SecurityTestHost> StartAsync(Action<SecurityOptions>? configure = null)
    {
        var schema = TestDatabase.NewSchemaName("sec");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TUNDA_DB"] = TestDatabase.ConnectionString, ["Tunda:Schema"] = schema });
        builder.Services.AddSingleton<TimeProvider, SecurityTestClock>();
        builder.Services.AddSingleton<SecurityTestAccounts>();
        builder.Services.AddSingleton<IAccountDirectory>(provider => provider.GetRequiredService<SecurityTestAccounts>());
        builder.Services.AddSingleton<SecurityTestStaff>();
        builder.Services.AddSingleton<IStaffDirectory>(provider => provider.GetRequiredService<SecurityTestStaff>());
        builder.Services.AddTundaStore(builder.Configuration);
        builder.Services.AddTundaMessaging();
        builder.Services.AddTundaSecurity(builder.Configuration);
        // The handler answers API refusals as localised problems, as the platform sets up in the app.
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(_ => TextCatalogue.LoadEmbedded());
        builder.Services.AddSingleton<Texts>();
        builder.Services.Configure<SecurityOptions>(options => configure?.Invoke(options));

        var app = builder.Build();
        app.UseTundaSecurity();
        MapEndpoints(app);
        await app.StartAsync();
        await app.Services.GetRequiredService<SecurityStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return new SecurityTestHost(app, schema);
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/api/fatture", () => "fatture").RequirePermission(Permissions.Invoices);
        app.MapGet("/fatture", () => "fatture").RequirePermission(Permissions.Invoices);
        app.MapGet("/api/io", (HttpContext context) => new { customer = context.User.GetCustomerId(), permissions = context.User.GetPermissions().ToString() }).RequireAuthorization();
        app.MapGet(SecurityOptionsDefaults.CustomerTwoFactorPath, () => "codice").RequireSessionStage(SessionStage.TwoFactor);
        app.MapGet("/staff/ticket", () => "ticket").RequireStaffRole(StaffRoles.Support | StaffRoles.Auditor);
        app.MapPost("/staff/ticket", () => "risposta").RequireStaffRole(StaffRoles.Support | StaffRoles.Auditor);
        app.MapGet("/api/staff/ticket", () => "ticket").RequireStaffRole(StaffRoles.Support);
        app.MapGet("/staff/utenti", () => "utenti").RequireStaffRole(StaffRoles.Administrator);
        app.MapPost("/prova/accedi", async (HttpContext context, SignInService signIn, SignInForm form) =>
        {
            var device = SessionCookies.ReadDevice(context.Request, LoginRealm.Customer);
            var result = await signIn.PasswordSignInAsync(LoginRealm.Customer, form.Email, form.Password, context.Connection.RemoteIpAddress, device, context.RequestAborted);
            SignInCookies.Write(context.Response, result);
            return result.GetType().Name;
        });
    }

    /// <summary>A client sending <paramref name="sessionToken"/> as the session cookie, not following redirects.</summary>
    public HttpClient Client(string? sessionToken = null)
    {
        var client = _app.GetTestServer().CreateClient();
        if (sessionToken is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"{SecurityOptions.SessionCookieName}={sessionToken}");
        }

        return client;
    }

    public async Task<string> SetPasswordAsync(LoginRealm realm, string email) =>
        (await Get<CredentialStore>().SetPasswordAsync(realm, email, Password)).ToString();

    /// <summary>Signs in with the right password and returns the result (cookie value in NewToken).</summary>
    public async Task<SignInResult> SignInAsync(LoginRealm realm, string email, string password = Password, string ip = "203.0.113.7", string? device = null)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignInService>().PasswordSignInAsync(realm, email, password, IPAddress.Parse(ip), device);
    }

    public async Task<T> WithSignInAsync<T>(Func<SignInService, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<SignInService>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }
}

internal sealed record SignInForm(string Email, string Password);

internal static class SecurityOptionsDefaults
{
    public static readonly string CustomerTwoFactorPath = new SecurityOptions().CustomerTwoFactorPath;
}
