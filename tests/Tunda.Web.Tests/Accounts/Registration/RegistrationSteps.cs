using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Tunda.Web.Tests.Accounts.Registration;

/// <summary>
/// The steps these tests repeat, on the shared <see cref="AccountsApp"/>: the registration payloads,
/// registering and confirming through the API, reading the mails, the JSON sign-in.
/// </summary>
internal static partial class RegistrationSteps
{
    public const string Password = AccountsApp.Password;
    public const string PublicBaseUrl = AccountsApp.PublicBaseUrl;

    /// <summary>The app with rate limits no test meets unless it sets its own.</summary>
    public static Task<AccountsApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Tunda:RateLimits:register:PermitLimit"] = "1000",
            ["Tunda:RateLimits:login:PermitLimit"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return AccountsApp.StartAsync(all);
    }

    public static HttpClient Client(this AccountsApp app, string language, CookieContainer? cookies = null)
    {
        var client = app.Client(cookies);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public static async Task<long> ScalarAsync(this AccountsApp app, string sql) =>
        await TestDatabase.ScalarAsync<long>(sql.Replace("{schema}", app.Schema, StringComparison.Ordinal));

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

    /// <summary>The payload as the registration page posts it.</summary>
    public static IEnumerable<KeyValuePair<string, string>> AsForm(Dictionary<string, object?> body) =>
        body.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(
            "Input." + char.ToUpperInvariant(p.Key[0]) + p.Key[1..],
            p.Value is bool b ? (b ? "true" : "false") : Convert.ToString(p.Value, CultureInfo.InvariantCulture)!));

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, Dictionary<string, object?> body) =>
        client.PostAsJsonAsync("/api/customers", body);

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password) =>
        client.PostAsJsonAsync("/api/session", new { email, password });

    /// <summary>The first mail to <paramref name="email"/> containing <paramref name="part"/>, headers and decoded body.</summary>
    public static async Task<string> MailToAsync(this AccountsApp app, string email, string part) =>
        Decoded(await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains(email) && Decoded(m).Contains(part, StringComparison.Ordinal), TimeSpan.FromSeconds(30)));

    public static string ConfirmToken(string mailText) => ConfirmLink().Match(mailText) is { Success: true } match
        ? Uri.UnescapeDataString(match.Groups[1].Value)
        : throw new InvalidOperationException("No confirmation link in:\n" + mailText);

    /// <summary>Registers through the API and confirms with the mailed link: a customer made the way a visitor makes one.</summary>
    public static async Task<Guid> RegisterConfirmedAsync(this AccountsApp app, string email, Dictionary<string, object?>? body = null)
    {
        using var client = app.Client();
        var response = await RegisterAsync(client, body ?? Person(email));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<Created>())!.CustomerId;
        var token = ConfirmToken(await app.MailToAsync(email, "/conferma-email?token="));
        (await client.PostAsJsonAsync("/api/customers/confirm-email", new { token })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    public static string SessionCookie(CookieContainer cookies) =>
        cookies.GetCookies(new Uri("http://localhost"))["tunda_session"]?.Value ?? throw new InvalidOperationException("No session cookie.");

    public sealed record Created(Guid CustomerId, string Status);

    public static string Decoded(ReceivedMail mail) =>
        string.Join("\n", mail.HeaderLines) + "\n\n" + mail.TextBody();

    [GeneratedRegex(@"/conferma-email\?token=([A-Za-z0-9_%-]+)")]
    private static partial Regex ConfirmLink();
}
