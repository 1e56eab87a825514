using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tunda.Bench;

namespace Tunda.Web.Benchmarks;

/// <summary>
/// A use case end to end under load: <c>PUT /api/profile</c> (session → command → the customer's
/// stream loaded → decider → event appended with the expected version → inline read models →
/// the profile read back → 200), each client a customer of its own, registered and confirmed
/// through the API and the mailed link beforehand, as a visitor does it. Every client sends the
/// version it last got back, so a lost update would show as a 409 (counted as an error); at the
/// end each profile is read back and must hold the last version and city the client wrote.
/// </summary>
internal static class UseCaseBench
{
    public const string Route = "PUT /api/profile";
    private const string Password = "Bench-password-2026!";

    public static async Task<int> RunAsync(string root, string connectionString, int clients, int seconds, string label, string output)
    {
        await using var app = await AppProcess.StartAsync(root, connectionString, new Dictionary<string, string>
        {
            ["Tunda__RateLimits__register__PermitLimit"] = "1000000",
        });
        var customers = new HttpClient[clients];
        var versions = new long[clients];
        var cities = new string[clients];
        for (var i = 0; i < clients; i++)
        {
            customers[i] = await RegisterConfirmedAsync(app, $"bench{i}@example.it");
            versions[i] = (await ProfileAsync(customers[i])).GetProperty("version").GetInt64();
        }

        var result = await LoadRun.RunAsync(app, Route, clients, async (i, token) =>
        {
            var city = versions[i] % 2 == 0 ? "Torino" : "Milano";
            using var response = await customers[i].PutAsJsonAsync(new Uri("/api/profile", UriKind.Relative), Body(versions[i], city), token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            versions[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(token)).GetProperty("version").GetInt64();
            cities[i] = city;
            return true;
        }, TimeSpan.FromSeconds(Math.Min(5, seconds)), TimeSpan.FromSeconds(seconds));

        var lost = 0;
        for (var i = 0; i < clients; i++)
        {
            var profile = await ProfileAsync(customers[i]);
            lost += profile.GetProperty("version").GetInt64() == versions[i] && profile.GetProperty("city").GetString() == cities[i] ? 0 : 1;
        }

        var section = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"## {label}\n\n")
            .Append(CultureInfo.InvariantCulture, $"`./tunda bench web --use-case --clients {clients} --seconds {seconds}`, {DateTime.UtcNow:u}; load average at the end {BenchEnvironment.LoadAverage()}.\n\n")
            .Append("| route | clients | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | app CPU ms/request | profiles not as last written |\n|---|---|---|---|---|---|---|---|---|---|\n")
            .Append(CultureInfo.InvariantCulture,
                $"| `{Route}` | {clients} | {result.RequestsPerSecond:N0} | {result.Percentile(50):N1} | {result.Percentile(95):N1} | {result.Percentile(99):N1} | {result.Percentile(100):N1} | {result.Errors} | {result.CpuMillisecondsPerRequest:N2} | {lost} |\n\n");
        Console.WriteLine(section);
        await File.AppendAllTextAsync(output, section.ToString());
        Console.WriteLine($"appended to {output}");
        return result.Errors > 0 || lost > 0 ? 1 : 0;
    }

    private static object Body(long version, string city) => new
    {
        version, street = "Via Roma 1", city, zip = "20121", province = "MI", country = "IT",
        phone = "+39 02 1234567", pec = (string?)null, codiceDestinatario = "0000000", language = "it",
    };

    private static async Task<JsonElement> ProfileAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri("/api/profile", UriKind.Relative));

    private static async Task<HttpClient> RegisterConfirmedAsync(AppProcess app, string email)
    {
        var client = SignedInClients.Anonymous(app.Address);
        var registration = await client.PostAsJsonAsync(new Uri("/api/customers", UriKind.Relative), new Dictionary<string, object>
        {
            ["kind"] = "person", ["firstName"] = "Mario", ["lastName"] = "Rossi", ["codiceFiscale"] = "RSSMRA85T10A562S",
            ["street"] = "Via Roma 1", ["city"] = "Milano", ["zip"] = "20121", ["province"] = "MI", ["country"] = "IT",
            ["phone"] = "+39 02 1234567", ["email"] = email, ["password"] = Password, ["passwordConfirmation"] = Password,
            ["acceptTerms"] = true, ["acceptPrivacy"] = true,
        });
        await ExpectAsync(registration, HttpStatusCode.Accepted, "registration");
        var token = await PickupMail.ConfirmTokenAsync(app.MailFolder, email, TimeSpan.FromSeconds(60));
        await ExpectAsync(await client.PostAsJsonAsync(new Uri("/api/customers/confirm-email", UriKind.Relative), new { token }), HttpStatusCode.OK, "confirmation");
        await ExpectAsync(await client.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new { email, password = Password }), HttpStatusCode.OK, "sign-in");
        return client;
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string step)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{step} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
