using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tunda.Domain.Logins;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests.Accounts.Profile;

public sealed class OwnLoginTests
{
    private const string NewPassword = "Nuova-chiave-lunga-77";

    [Fact]
    public async Task changing_the_password_keeps_this_session_and_ends_the_others()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var here = await app.SignInAsync("mario@example.it");
        using var elsewhere = await app.SignInAsync("mario@example.it");

        var wrong = await (await here.PostFormAsync("/profilo/password", [new("Input.CurrentPassword", "sbagliata-123!"), new("Input.NewPassword", NewPassword), new("Input.Confirmation", NewPassword)])).HtmlAsync();
        var done = await (await here.PostFormAsync("/profilo/password", [new("Input.CurrentPassword", AccountsApp.Password), new("Input.NewPassword", NewPassword), new("Input.Confirmation", NewPassword)])).HtmlAsync();

        wrong.ShouldContain("La password attuale non è corretta");
        done.ShouldContain("Password cambiata");
        (await here.GetAsync(new Uri("/api/profile", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await elsewhere.GetAsync(new Uri("/api/profile", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PasswordResetTests.SignInAsync(app, "mario@example.it", NewPassword)).ShouldBeOfType<SignInResult.SignedIn>();
        (await app.WaitForMailAsync("mario@example.it")).ShouldNotBeNull();
    }

    [Fact]
    public async Task two_factor_turned_on_with_an_app_code_is_then_asked_at_sign_in()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var client = await app.SignInAsync("mario@example.it");

        var begin = await (await client.PostJsonAsync("/api/profile/two-factor", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = begin.GetProperty("secret").GetString()!;
        var wrong = await client.PostJsonAsync("/api/profile/two-factor/confirm", new { code = "000000" == AuthenticatorApp.CodeAt(secret, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        var confirmed = await client.PostJsonAsync("/api/profile/two-factor/confirm", new { code = AuthenticatorApp.CodeAt(secret, DateTimeOffset.UtcNow) });

        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").GetArrayLength().ShouldBe(10);
        (await PasswordResetTests.SignInAsync(app, "mario@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.NeedsTwoFactor>();
        var login = (await app.StreamAsync(LoginId.For(LoginRealm.Customer, "mario@example.it"))).Select(e => e.Data).ToList();
        login.OfType<TwoFactorEnabled>().ShouldHaveSingleItem();
        login.OfType<RecoveryCodesRegenerated>().ShouldHaveSingleItem().Count.ShouldBe(10);
        (await client.GetHtmlAsync("/profilo/sicurezza")).ShouldContain("La verifica in due passaggi è attiva");
    }

    [Fact]
    public async Task two_factor_is_turned_off_only_with_the_password_and_codes_can_be_renewed()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var client = await app.SignInAsync("mario@example.it");
        var begin = await (await client.PostJsonAsync("/api/profile/two-factor", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = begin.GetProperty("secret").GetString()!;
        (await client.PostJsonAsync("/api/profile/two-factor/confirm", new { code = AuthenticatorApp.CodeAt(secret, DateTimeOffset.UtcNow) })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var renewed = await (await client.PostFormAsync("/profilo/sicurezza", [], "/profilo/sicurezza?handler=Regenerate")).HtmlAsync();
        var refused = await client.PostJsonAsync("/api/profile/two-factor/disable", new { password = "sbagliata-123!" });
        var disabled = await (await client.PostFormAsync("/profilo/sicurezza", [new("Input.Password", AccountsApp.Password)], "/profilo/sicurezza?handler=Disable")).HtmlAsync();

        renewed.ShouldContain("id=\"recovery-codes\"");
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        disabled.ShouldContain("Verifica in due passaggi disattivata");
        (await PasswordResetTests.SignInAsync(app, "mario@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.SignedIn>();
    }
}
