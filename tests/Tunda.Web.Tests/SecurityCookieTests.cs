using System.Net;
using System.Net.Http.Json;
using Tunda.Domain.Customers;
using Tunda.Web.Security;
using LoginRealm = Tunda.Domain.Logins.LoginRealm;

namespace Tunda.Web.Tests;

public sealed class SecurityCookieTests : IAsyncLifetime
{
    private SecurityTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SecurityTestHost.StartAsync();
        _host.Accounts.Add("anna@bianchi.it", Permissions.Invoices, contact: true);
        await _host.SetPasswordAsync(LoginRealm.Customer, "anna@bianchi.it");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task signing_in_over_https_sets_a_secure_httponly_lax_session_cookie_that_opens_the_account()
    {
        using var client = _host.Client();
        client.BaseAddress = new Uri("https://localhost/");

        var response = await client.PostAsJsonAsync(new Uri("/prova/accedi", UriKind.Relative), new SignInForm("anna@bianchi.it", SecurityTestHost.Password));

        (await response.Content.ReadAsStringAsync()).ShouldBe("SignedIn");
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        var session = cookies.Where(c => c.StartsWith($"{SecurityOptions.SessionCookieName}=", StringComparison.Ordinal)).ShouldHaveSingleItem();
        session.ShouldContain("httponly");
        session.ShouldContain("samesite=lax");
        session.ShouldContain("secure");
        session.ShouldNotContain("expires");
        cookies.ShouldContain(c => c.StartsWith($"{SecurityOptions.DeviceCookieName}=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.Ordinal));

        var token = session.Split(';')[0][(SecurityOptions.SessionCookieName.Length + 1)..];
        (await _host.Client(token).GetAsync(new Uri("/api/fatture", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task over_plain_http_the_cookie_is_not_marked_secure_and_a_failure_sets_no_cookie()
    {
        using var client = _host.Client();

        var signedIn = await client.PostAsJsonAsync(new Uri("/prova/accedi", UriKind.Relative), new SignInForm("anna@bianchi.it", SecurityTestHost.Password));
        var failed = await client.PostAsJsonAsync(new Uri("/prova/accedi", UriKind.Relative), new SignInForm("anna@bianchi.it", "wrong"));

        signedIn.Headers.GetValues("Set-Cookie").ShouldAllBe(c => !c.Contains("secure", StringComparison.Ordinal));
        (await failed.Content.ReadAsStringAsync()).ShouldBe("Failed");
        failed.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Theory]
    [InlineData(" Mario.Rossi@Example.IT ", "mario.rossi@example.it")]
    [InlineData("mario@PÈSCA.it", "mario@xn--psca-5oa.it")]
    [InlineData("no-at-sign", null)]
    [InlineData("two words@example.it", null)]
    [InlineData("@example.it", null)]
    public void emails_are_normalised_to_one_login_key(string input, string? expected)
    {
        LoginKeys.NormaliseEmail(input).ShouldBe(expected);
    }

    [Fact]
    public void a_login_id_is_stable_per_realm_and_email()
    {
        LoginKeys.LoginId(LoginRealm.Customer, "anna@bianchi.it").ShouldBe(LoginKeys.LoginId(LoginRealm.Customer, "anna@bianchi.it"));
        LoginKeys.LoginId(LoginRealm.Staff, "anna@bianchi.it").ShouldNotBe(LoginKeys.LoginId(LoginRealm.Customer, "anna@bianchi.it"));
    }
}
