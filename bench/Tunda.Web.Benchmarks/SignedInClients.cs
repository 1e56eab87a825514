using System.Net;
using System.Net.Http.Json;

namespace Tunda.Web.Benchmarks;

/// <summary>Browsers of the demo customer: each its own cookie jar and its own server-side session.</summary>
internal static class SignedInClients
{
    public const string Email = "demo@tunda.localhost";
    public const string Password = "Demo-password-2026!";

    public static HttpClient Anonymous(Uri address) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Signs in through the JSON API, which answers with the session cookie.</summary>
    public static async Task<HttpClient> SignInAsync(Uri address)
    {
        var client = Anonymous(address);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var response = await client.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new { email = Email, password = Password });
            if (response.IsSuccessStatusCode)
            {
                return client;
            }

            // The demo seed runs in the background right after start: wait for it, then give up clearly.
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"sign-in of the demo customer answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(500);
        }
    }
}
