using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
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
        var pages = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.RawText?.Contains('{', StringComparison.Ordinal) == false)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();
        pages.Count.ShouldBeGreaterThan(15);

        var failures = new List<string>();
        var submitted = 0;
        foreach (var page in pages)
        {
            foreach (var client in new[] { page.StartsWith("/staff", StringComparison.Ordinal) ? staff : customer, app.Client() })
            {
                var shown = await client.GetAsync(new Uri(page, UriKind.Relative));
                if (shown.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                var document = new HtmlParser().ParseDocument(await shown.Content.ReadAsStringAsync());
                foreach (var form in document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
                {
                    var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]").ToList();
                    var texts = fields.Where(f => f.LocalName == "textarea" || (f.LocalName == "input" && f.GetAttribute("type") is null or "text" or "email" or "tel" or "password" or "search" or "url")).ToList();
                    if (texts.Count == 0)
                    {
                        continue;   // nothing typed: submitting it would only do what its button does
                    }

                    var action = form.GetAttribute("action") is { Length: > 0 } target ? target : page;
                    foreach (var hostile in HostileValues)
                    {
                        var values = fields.Select(f => new KeyValuePair<string, string>(
                            f.GetAttribute("name")!,
                            texts.Contains(f) ? hostile : f.LocalName == "select" ? f.QuerySelector("option")?.GetAttribute("value") ?? "" : f.GetAttribute("value") ?? "true"));
                        using var response = await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values));
                        submitted++;
                        var body = await response.Content.ReadAsStringAsync();
                        var refused = response.StatusCode == HttpStatusCode.BadRequest && body.Contains("caratteri non ammessi", StringComparison.Ordinal);
                        if (!refused && response.StatusCode != HttpStatusCode.TooManyRequests)   // a rate limit turns a form away before it is read
                        {
                            failures.Add($"{page} → {action} ({Escape(hostile)}): {(int)response.StatusCode}");
                        }
                    }
                }

                break;
            }
        }

        failures.ShouldBeEmpty();
        submitted.ShouldBeGreaterThan(20);
    }

    private static string Escape(string value) => string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
