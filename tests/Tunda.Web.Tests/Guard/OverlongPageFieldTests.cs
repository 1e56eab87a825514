using System.Net;
using AngleSharp.Html.Parser;
using Tunda.Web.Features.Accounts.Demo;
using Tunda.Web.Platform.Input;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Staff;

namespace Tunda.Web.Tests.Guard;

/// <summary>
/// Every typed field of every page form, sent one at a time a value longer than any such field may be but
/// short of the global caps (the rest of the form as the page shows it): the answer is a 4xx (the refusal
/// page naming the field: no handler ran), or the form again with a message on that very field; never a
/// redirect (something was done with it) nor a 5xx.
/// Forms added later are covered without a new test.
/// </summary>
public sealed class OverlongPageFieldTests
{
    [Fact]
    public async Task every_page_field_refuses_a_value_past_its_bound_next_to_the_field_or_with_a_4xx()
    {
        await using var app = await AccountsApp.StartAsync(new Dictionary<string, string?>
        {
            ["Tunda:RateLimits:login:PermitLimit"] = "10000",
            ["Tunda:RateLimits:register:PermitLimit"] = "10000",
            ["Tunda:RateLimits:password-reset:PermitLimit"] = "10000",
            ["Tunda:RateLimits:username-recovery:PermitLimit"] = "10000",
            ["Tunda:RateLimits:contact-invitation:PermitLimit"] = "10000",
        });
        await app.Get<DemoSeed>().SeedAsync();
        using var customer = await app.SignInAsync(DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword);
        using var staff = await StaffSignInTests.DemoAdminAsync(app);

        var failures = new List<string>();
        var submitted = 0;
        foreach (var form in await PageForms.FindAsync(app, customer, staff))
        {
            foreach (var field in form.Texts)
            {
                var name = field.GetAttribute("name")!;
                var overlong = new string('x', (field.LocalName == "textarea" ? TextPolicy.MaxMultiLine : TextPolicy.MaxSingleLine) - 1);
                using var response = await form.Client.PostAsync(new Uri(form.Action, UriKind.Relative), form.Values(f => f == field ? overlong : null));
                submitted++;
                var status = (int)response.StatusCode;
                if (status is >= 400 and < 500)
                {
                    continue;
                }

                var shown = status == 200 ? new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()) : null;
                var marked = shown is not null && (shown.QuerySelector($"[data-valmsg-for='{name}']")?.TextContent.Trim().Length > 0
                    || shown.QuerySelector($"[name='{name}'][aria-invalid='true']") is not null);
                if (!marked)
                {
                    failures.Add($"{form.Page} → {form.Action} ({name}): {status}{(shown is null ? "" : ", no message on the field")}");
                }
            }
        }

        failures.ShouldBeEmpty();
        submitted.ShouldBeGreaterThan(20);
    }
}
