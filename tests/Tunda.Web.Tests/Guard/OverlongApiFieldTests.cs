using System.Net;
using System.Text;
using System.Text.Json;
using Tunda.Web.Features.Accounts.Demo;
using Tunda.Web.Platform.Input;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Staff;

namespace Tunda.Web.Tests.Guard;

/// <summary>
/// Every text field of every operation the OpenAPI document lists, sent one at a time a value longer
/// than any such field may be but short of the global caps, so that only the field's own bound can refuse
/// it: always a 4xx, never a save, and where the rest of the body is one the operation accepts, a 400
/// naming that field. Fields added later are covered without a new test.
/// </summary>
public sealed class OverlongApiFieldTests
{
    private static readonly Dictionary<string, string?> NoRateLimits = new[] { "login", "register", "password-reset", "username-recovery", "contact-invitation" }
        .ToDictionary(policy => $"Tunda:RateLimits:{policy}:PermitLimit", _ => (string?)"10000");

    [Fact]
    public async Task every_api_text_field_refuses_a_value_past_its_bound_with_a_4xx_naming_it_where_the_rest_is_valid()
    {
        await using var app = await AccountsApp.StartAsync(NoRateLimits);
        await app.Get<DemoSeed>().SeedAsync();
        using var customer = await app.SignInAsync(DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword);
        using var staff = await StaffSignInTests.DemoAdminAsync(app);
        using var document = JsonDocument.Parse(await app.Client().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var samples = await ApiSamples.ValidAsync(customer);

        var failures = new List<string>();
        var sent = 0;
        await app.AfterMessagesAsync(async () =>
        {
            foreach (var operation in ApiOperations.Read(document.RootElement).Where(o => o.HasBody && o.BodyType is not null))
            {
                var client = operation.Path.StartsWith("/api/staff", StringComparison.Ordinal) ? staff : customer;
                samples.TryGetValue($"{operation.Method} {operation.Path}", out var sample);
                foreach (var field in operation.TextFields())
                {
                    var body = sample?.Invoke() ?? [];
                    body[field] = new string('x', (operation.IsMultiLine(field) ? TextPolicy.MaxMultiLine : TextPolicy.MaxSingleLine) - 1);
                    var path = ApiOperations.WithIds(operation.Path);
                    using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = Json(body) });
                    sent++;
                    var answer = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    if (status is < 400 or >= 500 || (sample is not null && !NamesField(answer, field)))
                    {
                        failures.Add($"{operation.Method} {operation.Path} ({field}{(sample is null ? "" : ", valid otherwise")}): {status} {answer}");
                    }
                }
            }

            return 0;
        });

        failures.ShouldBeEmpty();
        sent.ShouldBeGreaterThan(40);
    }

    private static bool NamesField(string problem, string field)
    {
        try
        {
            using var json = JsonDocument.Parse(problem);
            var root = json.RootElement;
            // A problem names the field in its errors, or, for a single-field operation, in its code (register.resend.invalid_email).
            return (root.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)))
                || (root.TryGetProperty("code", out var code) && code.GetString()?.Contains(field, StringComparison.OrdinalIgnoreCase) == true);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static StringContent Json(Dictionary<string, object?> body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
