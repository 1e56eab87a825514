using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Domain.Logins;
using Tunda.Web.Security.TwoFactor;
using static Tunda.Web.Tests.Accounts.Registration.RegistrationSteps;

namespace Tunda.Web.Tests.Accounts.Registration;

public sealed class TwoFactorSignInTests
{
    [Fact]
    public async Task a_customer_with_two_factor_enters_only_after_a_code_on_the_page_and_through_the_api()
    {
        await using var app = await StartAsync();
        var customerId = await app.RegisterConfirmedAsync("dueplus@example.it");
        var setup = app.Get<TwoFactorSetup>();
        var enrolment = (await setup.BeginAsync(LoginRealm.Customer, "dueplus@example.it"))!;
        var code = AuthenticatorApp.CodeAt(enrolment.Secret, DateTimeOffset.UtcNow);
        var recovery = (await setup.ConfirmAsync(LoginRealm.Customer, "dueplus@example.it", code))!;

        using var browser = app.Client();
        var signIn = await browser.PostFormAsync("/accedi?returnUrl=%2Fprofilo", [new("Input.Email", "dueplus@example.it"), new("Input.Password", Password), new("ReturnUrl", "/profilo")]);
        signIn.Headers.Location!.ToString().ShouldBe("/accedi/verifica?returnUrl=%2Fprofilo");
        (await browser.GetAsync("/area-clienti")).Headers.Location!.ToString().ShouldBe("/accedi/verifica");
        var wrong = await browser.PostFormAsync("/accedi/verifica?returnUrl=%2Fprofilo", [new("Code", "000000")]);
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).ShouldContain("Codice non valido");
        var right = await browser.PostFormAsync("/accedi/verifica?returnUrl=%2Fprofilo", [new("Code", recovery[0]), new("ReturnUrl", "/profilo")]);
        right.Headers.Location!.ToString().ShouldBe("/profilo");
        (await browser.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("customerId").GetGuid().ShouldBe(customerId);

        using var api = app.Client();
        (await (await SignInAsync(api, "dueplus@example.it")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString().ShouldBe("twoFactor");
        (await api.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.PostAsJsonAsync("/api/session/two-factor", new { code = recovery[0] })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var second = await api.PostAsJsonAsync("/api/session/two-factor", new { code = recovery[1] });
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString().ShouldBe("signedIn");
        (await api.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
