using System.Net;
using Tunda.Web.Features.Accounts.Demo;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Staff;

namespace Tunda.Web.Tests.Guard;

/// <summary>
/// Every page form (pages found from the app's own routes, as the demo customer, the demo administrator or
/// a visitor sees them) submitted with hostile text in its visible fields: each answer is the 400 refusal
/// page (no handler ran) or a rate limit's 429, never a 5xx nor the "form expired" page. Pages added later are covered without a new test.
/// </summary>
public sealed class HostilePageFormTests
{
    // (A lone surrogate cannot travel in a UTF-8 form: the browser sends U+FFFD.)
    private static readonly string[] HostileValues = ["A\u0000B", "Mario\r\nBcc: x@example.it", "\u001b[31m", "campanello\u0007"];

    [Fact]
    public async Task no_page_form_answers_5xx_to_hostile_text()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.Get<DemoSeed>().SeedAsync();
        using var customer = await app.SignInAsync(DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword);
        using var staff = await StaffSignInTests.DemoAdminAsync(app);
        var failures = new List<string>();
        var submitted = 0;
        foreach (var form in await PageForms.FindAsync(app, customer, staff))
        {
            foreach (var hostile in HostileValues)
            {
                using var response = await form.Client.PostAsync(new Uri(form.Action, UriKind.Relative), form.Values(f => form.Texts.Contains(f) ? hostile : f.LocalName == "select" ? f.QuerySelector("option")?.GetAttribute("value") ?? "" : null));
                submitted++;
                var body = await response.Content.ReadAsStringAsync();
                var refused = response.StatusCode == HttpStatusCode.BadRequest && body.Contains("Il modulo contiene testo non ammesso", StringComparison.Ordinal);
                if (!refused && response.StatusCode != HttpStatusCode.TooManyRequests)   // a rate limit turns a form away before it is read
                {
                    failures.Add($"{form.Page} → {form.Action} ({Escape(hostile)}): {(int)response.StatusCode}");
                }
            }
        }

        failures.ShouldBeEmpty();
        submitted.ShouldBeGreaterThan(20);
    }

    private static string Escape(string value) => string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
