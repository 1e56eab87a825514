using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Domain.Customers;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Tunda.EventStore;
using Tunda.Web.Configuration;
using Tunda.Web.Security;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests.Accounts;

/// <summary>
/// The whole app on the test PostgreSQL (own schema, dropped afterwards) with its mail going to a
/// loopback SMTP server and a fixed public address, plus ways to put customers and contacts in place
/// the way the product would have left them and to get a signed-in browser-like client.
/// </summary>
internal sealed class AccountsApp : IAsyncDisposable
{
    public const string Password = "Prova-password-2026!";
    public const string PublicBaseUrl = "https://area.tunda.test";

    private readonly TundaApp _app;
    private readonly WebApplicationFactory<Program> _factory;

    private AccountsApp(TundaApp app, WebApplicationFactory<Program> factory, LoopbackSmtpServer mail)
    {
        _app = app;
        _factory = factory;
        Mail = mail;
    }

    /// <summary>Every mail the app sent, as the SMTP server received it.</summary>
    public LoopbackSmtpServer Mail { get; }

    public IServiceProvider Services => _factory.Services;

    public string Schema => _app.Schema;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="settings">Extra configuration, e.g. ["Tunda:Security:Throttle:..."] = "...".</param>
    public static async Task<AccountsApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var mail = new LoopbackSmtpServer();
        var app = new TundaApp();
        var factory = app.WithSmtp(mail).WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Tunda:PublicBaseUrl", PublicBaseUrl);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
        });
        await factory.BusReadyAsync();
        await factory.Services.GetRequiredService<SecurityStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return new AccountsApp(app, factory, mail);
    }

    /// <summary>A client that keeps cookies (session, antiforgery) in <paramref name="cookies"/> and does not follow redirects.</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        _factory.CreateDefaultClient(_factory.ClientOptions.BaseAddress, new CookieContainerHandler(cookies ?? new CookieContainer()));

    /// <summary>
    /// A registered, confirmed customer whose main account signs in with <paramref name="email"/> and
    /// <paramref name="password"/>: its events, its e-mail reservation and its credential.
    /// </summary>
    public async Task<Guid> SeedCustomerAsync(string email, string password = Password, string firstName = "Mario", string lastName = "Rossi", string? companyName = null)
    {
        var customerId = Guid.NewGuid();
        var login = EmailAddress.Normalise(email) ?? throw new ArgumentException($"not an e-mail: {email}", nameof(email));
        var now = DateTimeOffset.UtcNow;
        var kind = companyName is null ? CustomerKind.Person : CustomerKind.Company;
        var legal = new LegalIdentity(firstName, lastName, companyName, companyName is null ? "RSSMRA80A01H501U" : "04512360159", companyName is null ? null : "04512360159");
        var details = new CustomerDetails(new PostalAddress("Via Roma 1", "Milano", "20121", "MI", "IT"), "+39 02 1234567", null, "0000000", "it");
        await AppendAsync(customerId,
            new CustomerRegistered(customerId, kind, legal, details, login, new TermsAcceptance("2026-01", "2026-01", now), now),
            new CustomerEmailConfirmed(customerId, login, now));
        await using (var reservation = Get<EventStore.EventStore>().DataSource.CreateCommand(
            $"INSERT INTO {Schema}.main_account_emails (email, customer_id, reserved_at) VALUES ($1, $2, now())"))
        {
            reservation.Parameters.AddWithValue(login);
            reservation.Parameters.AddWithValue(customerId);
            await reservation.ExecuteNonQueryAsync();
        }

        await Get<CredentialStore>().SetPasswordAsync(LoginRealm.Customer, login, password);
        return customerId;
    }

    /// <summary>A contact of <paramref name="customerId"/> that accepted its invitation and signs in with <paramref name="password"/>.</summary>
    public async Task<Guid> SeedContactAsync(Guid customerId, string email, Permissions permissions, Notifications notifications = Notifications.None, string password = Password, string name = "Laura Bianchi")
    {
        var contactId = Guid.NewGuid();
        var login = EmailAddress.Normalise(email) ?? throw new ArgumentException($"not an e-mail: {email}", nameof(email));
        var now = DateTimeOffset.UtcNow;
        await AppendAsync(customerId,
            new ContactInvited(customerId, contactId, name, login, permissions, notifications, now),
            new ContactActivated(customerId, contactId, now));
        await Get<CredentialStore>().SetPasswordAsync(LoginRealm.Customer, login, password);
        return contactId;
    }

    public async Task AppendAsync(Guid customerId, params object[] events)
    {
        await using var session = Get<EventStore.EventStore>().OpenSession();
        session.Append(customerId, CustomerDecider.StreamType, ExpectedVersion.Any, events);
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// A client signed in as <paramref name="email"/>, in the account of <paramref name="customerId"/>
    /// when the e-mail reaches several (otherwise the only one). Fails the test when sign-in does not complete.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password, Guid? customerId = null)
    {
        using var scope = Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInService>();
        var result = await signIn.PasswordSignInAsync(LoginRealm.Customer, email, password, IPAddress.Loopback, null);
        var token = (result as SignInResult.Started)?.NewToken ?? throw new InvalidOperationException($"Sign-in of {email} ended with {result.GetType().Name}");
        if (result is SignInResult.NeedsAccountChoice choice)
        {
            var account = choice.Accounts.Single(a => customerId is null || a.CustomerId == customerId);
            result = await signIn.ChooseAccountAsync(choice.Session.Id, account.AccessId);
        }

        if (result is not SignInResult.SignedIn)
        {
            throw new InvalidOperationException($"Sign-in of {email} ended with {result.GetType().Name}");
        }

        var cookies = new CookieContainer();
        cookies.Add(_factory.ClientOptions.BaseAddress, new Cookie(SecurityOptions.SessionCookieName, token));
        return Client(cookies);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _app.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
