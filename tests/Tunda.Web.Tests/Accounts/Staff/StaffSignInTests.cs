using System.Net;
using Tunda.Domain.Staff;
using Tunda.Web.Features.Accounts.Demo;

namespace Tunda.Web.Tests.Accounts.Staff;

public sealed class StaffSignInTests
{
    [Fact]
    public async Task an_invited_member_sets_a_password_must_enrol_totp_at_first_sign_in_and_then_reaches_the_staff_home()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.Get<DemoSeed>().SeedAsync();
        using var admin = await DemoAdminAsync(app);

        var invited = await admin.PostFormAsync("/staff/membri", [new("Input.Name", "Paolo Gialli"), new("Input.Email", "paolo@tunda.it"), new("Input.Roles", "support")], "/staff/membri?handler=Invite");
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains("paolo@tunda.it"), TimeSpan.FromSeconds(30));
        var link = StaffKit.LinkIn(mail, "/staff/invito");
        link.ShouldStartWith($"{AccountsApp.PublicBaseUrl}/staff/invito?token=");

        var browser = app.Client();
        var path = link[AccountsApp.PublicBaseUrl.Length..];
        var accepted = await browser.PostFormAsync(path, [new("Input.Password", StaffKit.Password), new("Input.ConfirmPassword", StaffKit.Password)]);
        (await accepted.Content.ReadAsStringAsync()).ShouldContain("Password impostata");
        var reused = await browser.PostFormAsync(path, [new("Input.Password", StaffKit.Password), new("Input.ConfirmPassword", StaffKit.Password)]);
        (await reused.Content.ReadAsStringAsync()).ShouldContain("già stato usato");

        var signIn = await browser.PostFormAsync("/staff/accedi", [new("Input.Email", "paolo@tunda.it"), new("Input.Password", StaffKit.Password)]);
        signIn.Headers.Location!.OriginalString.ShouldBe("/staff/accedi/attiva-2fa");
        (await browser.GetAsync(new Uri("/staff", UriKind.Relative))).Headers.Location!.OriginalString.ShouldStartWith("/staff/accedi/attiva-2fa");
        var wrong = await browser.PostFormAsync("/staff/accedi/attiva-2fa", [new("Input.Code", "000000")]);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Codice non valido");

        await StaffKit.EnrolAsync(browser);

        var home = await browser.GetAsync(new Uri("/staff", UriKind.Relative));
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        home.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await home.Content.ReadAsStringAsync()).ShouldContain("paolo@tunda.it");
    }

    [Fact]
    public async Task an_enrolled_member_signs_in_with_password_then_code_and_a_recovery_code_works_once()
    {
        await using var app = await AccountsApp.StartAsync();
        var (first, _, codes) = await StaffKit.SignedInAsync(app, "marta@tunda.it", StaffRoles.Support);
        first.Dispose();

        var browser = app.Client();
        var signIn = await browser.PostFormAsync("/staff/accedi?returnUrl=%2Fstaff%2Fclienti", [new("Input.Email", "marta@tunda.it"), new("Input.Password", StaffKit.Password)]);
        signIn.Headers.Location!.OriginalString.ShouldBe("/staff/accedi/verifica?returnUrl=%2Fstaff%2Fclienti");
        var wrong = await browser.PostFormAsync("/staff/accedi/verifica?returnUrl=%2Fstaff%2Fclienti", [new("Input.Code", "123456")]);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Codice non valido");
        var verified = await browser.PostFormAsync("/staff/accedi/verifica?returnUrl=%2Fstaff%2Fclienti", [new("Input.Code", codes[0])]);
        verified.Headers.Location!.OriginalString.ShouldBe("/staff/clienti");
        (await browser.GetAsync(new Uri("/staff/clienti", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var other = app.Client();
        await other.PostFormAsync("/staff/accedi", [new("Input.Email", "marta@tunda.it"), new("Input.Password", StaffKit.Password)]);
        var reused = await other.PostFormAsync("/staff/accedi/verifica", [new("Input.Code", codes[0])]);
        (await reused.Content.ReadAsStringAsync()).ShouldContain("Codice non valido");
        var code = await other.PostFormAsync("/staff/accedi/verifica", [new("Input.Code", StaffKit.Code(await StaffKit.SecretOfAsync(app, "marta@tunda.it"), stepsAhead: 1))]);
        code.Headers.Location!.OriginalString.ShouldBe("/staff");

        var signedOut = await other.PostFormAsync("/staff", [], "/staff/esci");
        signedOut.Headers.Location!.OriginalString.ShouldBe("/staff/accedi");
        (await other.GetAsync(new Uri("/staff", UriKind.Relative))).Headers.Location!.OriginalString.ShouldStartWith("/staff/accedi");
        (await browser.GetAsync(new Uri("/staff", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_blocked_member_is_told_so_at_sign_in_and_its_open_session_ends()
    {
        await using var app = await AccountsApp.StartAsync();
        var (client, member, _) = await StaffKit.SignedInAsync(app, "luca@tunda.it", StaffRoles.Support);
        await app.Get<DemoSeed>().SeedAsync();
        using var admin = await DemoAdminAsync(app);

        var blocked = await admin.PostFormAsync("/staff/membri", [new("staffId", member.StaffId.ToString())], "/staff/membri?handler=Block");

        blocked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync(new Uri("/staff", UriKind.Relative))).Headers.Location!.OriginalString.ShouldStartWith("/staff/accedi");
        var again = await app.Client().PostFormAsync("/staff/accedi", [new("Input.Email", "luca@tunda.it"), new("Input.Password", StaffKit.Password)]);
        (await again.Content.ReadAsStringAsync()).ShouldContain("account staff è bloccato");
    }

    /// <summary>The demo administrator, whose authenticator secret the README gives.</summary>
    internal static async Task<HttpClient> DemoAdminAsync(AccountsApp app)
    {
        var client = app.Client();
        var signIn = await client.PostFormAsync("/staff/accedi", [new("Input.Email", DemoAccounts.StaffEmail), new("Input.Password", DemoAccounts.StaffPassword)]);
        signIn.Headers.Location!.OriginalString.ShouldBe("/staff/accedi/verifica");
        var verified = await client.PostFormAsync("/staff/accedi/verifica", [new("Input.Code", StaffKit.Code(DemoAccounts.StaffTotpSecret))]);
        verified.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        verified.Headers.Location!.OriginalString.ShouldBe("/staff");
        return client;
    }
}
