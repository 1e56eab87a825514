using System.Net.Http.Json;
using System.Text.Json;

namespace Tunda.Web.Tests.Guard;

/// <summary>Bodies operations accept (each call a fresh one, with addresses of its own), so a test can spoil one field at a time.</summary>
internal static class ApiSamples
{
    public static IEnumerable<(string Route, Func<Dictionary<string, object?>> Body)> Fixed()
    {
        yield return ("POST /api/customers", () => Accounts.Registration.RegistrationSteps.Person($"guardia-{Guid.NewGuid():N}@example.it"));
        yield return ("POST /api/contacts", () => new() { ["name"] = "Laura Bianchi", ["email"] = $"laura-{Guid.NewGuid():N}@example.it", ["permissions"] = new[] { "Invoices" } });
        yield return ("POST /api/username/recover", () => new()
        {
            ["name"] = "Mario Rossi", ["claimedEmail"] = "vecchio@example.it", ["contactEmail"] = $"r-{Guid.NewGuid():N}@example.org",
            ["companyOrCodiceFiscale"] = "RSSMRA85T10A562S", ["message"] = "Non ricordo l'indirizzo.",
        });
        yield return ("POST /api/password/forgot", () => new() { ["email"] = $"smemorato-{Guid.NewGuid():N}@example.it" });
        yield return ("POST /api/customers/confirm-email/resend", () => new() { ["email"] = $"attesa-{Guid.NewGuid():N}@example.it" });
        yield return ("POST /api/staff/members", () => new() { ["email"] = $"nuovo-{Guid.NewGuid():N}@tunda.it", ["name"] = "Anna Verdi", ["roles"] = new[] { "support" }, ["language"] = "it" });
    }

    /// <summary><see cref="Fixed"/> and the signed-in <paramref name="customer"/>'s own profile as it reads it.</summary>
    public static async Task<Dictionary<string, Func<Dictionary<string, object?>>>> ValidAsync(HttpClient customer)
    {
        var samples = Fixed().ToDictionary(s => s.Route, s => s.Body);
        var profile = await customer.GetFromJsonAsync<JsonElement>(new Uri("/api/profile", UriKind.Relative));
        string[] editable = ["version", "street", "city", "zip", "province", "country", "phone", "pec", "codiceDestinatario", "language"];
        samples["PUT /api/profile"] = () => editable.ToDictionary(f => f, f => (object?)profile.GetProperty(f).Clone());
        return samples;
    }
}
