using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Domain.Customers;
using Tunda.Domain.Identity;
using Tunda.Domain.Logins;
using Marten;
using Npgsql;
using Tunda.Web.Configuration;
using Tunda.Web.Security;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.SignIn;
using Wolverine;
using Wolverine.Tracking;

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

    private AccountsApp(TundaApp app, LoopbackSmtpServer mail)
    {
        _app = app;
        Mail = mail;
    }

    /// <summary>Every mail the app sent, as the SMTP server received it.</summary>
    public LoopbackSmtpServer Mail { get; }

    public IServiceProvider Services => _app.Services;

    public TundaApp App => _app;

    public string Schema => _app.Schema;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The events of one stream, in order.</summary>
    public Task<IReadOnlyList<JasperFx.Events.IEvent>> StreamAsync(Guid streamId) => _app.StreamAsync(streamId);

    /// <param name="settings">Extra configuration, e.g. ["Tunda:Security:Throttle:..."] = "...".</param>
    /// <param name="configure">Anything else for this test's host (a log provider, say).</param>
    public static async Task<AccountsApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        var mail = new LoopbackSmtpServer();
        var app = await TundaApp.StartAsync(builder =>
        {
            EmailApps.Smtp(mail)(builder);
            builder.UseSetting("Tunda:PublicBaseUrl", PublicBaseUrl);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            configure?.Invoke(builder);
        });
        await app.Get<SecurityStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await app.Get<Tunda.Web.Features.Inbound.InboundStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await app.Get<Tunda.Web.Features.Tickets.HelpdeskStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return new AccountsApp(app, mail);
    }

    /// <summary>
    /// Runs <paramref name="action"/> (requests, commands) and waits until every message it caused,
    /// transitively, was handled, mails included. An attempt retried after losing a race for a stream
    /// is allowed: assert on the outcome (the mails, the events), not on how many tries it took.
    /// </summary>
    public async Task<T> AfterMessagesAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var result = default(T)!;
        await _app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).IncludeExternalTransports().DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => result = await action()));
        return result;
    }

    /// <summary>A client that keeps cookies (session, antiforgery) in <paramref name="cookies"/> and does not follow redirects.</summary>
    public HttpClient Client(CookieContainer? cookies = null) => _app.CreateClient(cookies ?? new CookieContainer());

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
        await using (var reservation = Get<NpgsqlDataSource>().CreateCommand(
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
        await using var session = Get<IDocumentStore>().LightweightSession();
        session.Events.Append(customerId, events);
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
        cookies.Add(_app.Host.Server.BaseAddress, new Cookie(SecurityOptions.SessionCookieName, token));
        return Client(cookies);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
