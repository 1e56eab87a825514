using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Configuration;
using Tunda.Web.Security;

namespace Tunda.Web.Tests.Accounts.Registration;

/// <summary>The app with SMTP to a loopback server, a configured public address and generous rate limits unless a test asks otherwise.</summary>
internal sealed partial class RegistrationTestApp : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://area.tunda.example";
    public const string Password = "Lampone-Verde-42!";

    private readonly TundaApp _app;
    private readonly ConditionalWeakTable<HttpClient, CookieContainer> _cookies = [];

    private RegistrationTestApp(TundaApp app, LoopbackSmtpServer smtp, WebApplicationFactory<Program> factory)
    {
        _app = app;
        Smtp = smtp;
        Factory = factory;
    }

    public LoopbackSmtpServer Smtp { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public string Schema => _app.Schema;

    public EventStore.EventStore Store => Factory.Services.GetRequiredService<EventStore.EventStore>();

    public static async Task<RegistrationTestApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new TundaApp();
        var smtp = new LoopbackSmtpServer();
        var factory = app.WithSmtp(smtp).WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Tunda:PublicBaseUrl", PublicBaseUrl);
            builder.UseSetting("Tunda:RateLimits:register:PermitLimit", "1000");
            builder.UseSetting("Tunda:RateLimits:login:PermitLimit", "1000");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
        });
        await factory.Services.GetRequiredService<StoreStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await factory.Services.GetRequiredService<MessagingStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await factory.Services.GetRequiredService<SecurityStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return new RegistrationTestApp(app, smtp, factory);
    }

    public HttpClient Client(string language = "it")
    {
        var cookies = new CookieContainer();
        var client = Factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        _cookies.Add(client, cookies);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>The session cookie a client holds now (to replay it after signing out).</summary>
    public string SessionCookie(HttpClient client) =>
        _cookies.TryGetValue(client, out var cookies) && cookies.GetCookies(client.BaseAddress!)["tunda_session"] is { } cookie
            ? cookie.Value
            : throw new InvalidOperationException("The client holds no session cookie.");

    public static Dictionary<string, object?> Person(string email) => new()
    {
        ["kind"] = "person",
        ["firstName"] = "Mario",
        ["lastName"] = "Rossi",
        ["codiceFiscale"] = "RSSMRA85T10A562S",
        ["street"] = "Via Roma 1",
        ["city"] = "Milano",
        ["zip"] = "20121",
        ["province"] = "MI",
        ["country"] = "IT",
        ["phone"] = "+39 02 1234567",
        ["email"] = email,
        ["password"] = Password,
        ["passwordConfirmation"] = Password,
        ["acceptTerms"] = true,
        ["acceptPrivacy"] = true,
    };

    public static Dictionary<string, object?> Company(string email, string name = "Caffè Rossi S.r.l.") => new(Person(email))
    {
        ["kind"] = "company",
        ["companyName"] = name,
        ["codiceFiscale"] = "01234567897",
        ["vatNumber"] = "01234567897",
        ["pec"] = "amministrazione@pec.caffe.it",
        ["codiceDestinatario"] = "ABC1234",
    };

    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, Dictionary<string, object?> body) =>
        await client.PostAsJsonAsync("/api/customers", body);

    /// <summary>The registration summary sent to <paramref name="email"/>, decoded.</summary>
    public async Task<string> MailToAsync(string email, string subjectPart) =>
        Decoded(await Smtp.WaitForMessageAsync(m => m.Recipients.Contains(email) && Decoded(m).Contains(subjectPart, StringComparison.Ordinal), TimeSpan.FromSeconds(30)));

    public static string Decoded(ReceivedMail mail) =>
        string.Join("\n", mail.HeaderLines) + "\n\n" + System.Text.Encoding.UTF8.GetString(Mail.QuotedPrintable.Decode(mail.Body));

    public static string ConfirmToken(string mailText) => ConfirmLink().Match(mailText) is { Success: true } match
        ? Uri.UnescapeDataString(match.Groups[1].Value)
        : throw new InvalidOperationException("No confirmation link in:\n" + mailText);

    /// <summary>Registers through the API, then confirms with the mailed link: a customer who can sign in.</summary>
    public async Task<Guid> RegisterConfirmedAsync(string email, Dictionary<string, object?>? body = null)
    {
        using var client = Client();
        var response = await RegisterAsync(client, body ?? Person(email));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<Created>())!.CustomerId;
        var token = ConfirmToken(await MailToAsync(email, "/conferma-email?token="));
        (await client.PostAsJsonAsync("/api/customers/confirm-email", new { token })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password) =>
        await client.PostAsJsonAsync("/api/session", new { email, password });

    /// <summary>GETs the page for its antiforgery token (the client keeps the cookie), then posts the form.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(url);
        var token = AntiforgeryField().Match(page);
        token.Success.ShouldBeTrue("the page has an antiforgery field");
        var form = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static IEnumerable<KeyValuePair<string, string>> AsForm(Dictionary<string, object?> body) =>
        body.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(
            "Input." + char.ToUpperInvariant(p.Key[0]) + p.Key[1..],
            p.Value is bool b ? (b ? "true" : "false") : Convert.ToString(p.Value, CultureInfo.InvariantCulture)!));

    public async Task<long> ScalarAsync(string sql) => await TestDatabase.ScalarAsync<long>(sql.Replace("{schema}", Schema, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _app.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public sealed record Created(Guid CustomerId, string Status);

    [GeneratedRegex(@"/conferma-email\?token=([A-Za-z0-9_%-]+)")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
