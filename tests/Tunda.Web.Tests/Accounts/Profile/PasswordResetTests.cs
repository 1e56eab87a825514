using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Domain.Logins;
using Tunda.Web.Security;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests.Accounts.Profile;

public sealed class PasswordResetTests
{
    private const string NewPassword = "Nuova-chiave-lunga-77";

    [Fact]
    public async Task forgot_password_answers_the_same_for_known_and_unknown_addresses_and_mails_only_the_known_one()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var client = app.Client();

        var (unknownPage, knownPage, unknownApi, knownApi) = await app.AfterMessagesAsync(async () => (
            await client.PostFormAsync("/password-dimenticata", [new("Input.Email", "nessuno@example.it")]),
            await client.PostFormAsync("/password-dimenticata", [new("Input.Email", "mario@example.it")]),
            await client.PostJsonAsync("/api/password/forgot", new { email = "nessuno@example.it" }),
            await client.PostJsonAsync("/api/password/forgot", new { email = "mario@example.it" })));

        knownPage.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        unknownPage.StatusCode.ShouldBe(knownPage.StatusCode);
        unknownPage.Headers.Location.ShouldBe(knownPage.Headers.Location);
        knownApi.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        unknownApi.StatusCode.ShouldBe(knownApi.StatusCode);
        (await unknownApi.Content.ReadAsStringAsync()).ShouldBe(await knownApi.Content.ReadAsStringAsync());
        (await client.GetHtmlAsync(knownPage.Headers.Location!.ToString())).ShouldContain("Se l'indirizzo corrisponde a un account");

        // Every request was handled (the two for the known address side by side) and its mail handed to the server.
        app.MailsTo("mario@example.it").ShouldBe(2);
        app.MailsTo("nessuno@example.it").ShouldBe(0);
        app.Mail.Received.Count.ShouldBe(2);
    }

    [Fact]
    public async Task reset_mails_to_one_address_are_limited_per_address_whatever_the_number_of_requests_with_the_same_answer_to_each()
    {
        // The per-IP limit lifted, as when the requests come from many addresses.
        await using var app = await AccountsApp.StartAsync(new Dictionary<string, string?> { ["Tunda:RateLimits:password-reset:PermitLimit"] = "1000" });
        await app.SeedCustomerAsync("mario@example.it");
        await app.SeedCustomerAsync("anna@example.it");
        using var client = app.Client();

        var answers = await app.AfterMessagesAsync(async () =>
        {
            var list = new List<HttpResponseMessage>();
            for (var i = 0; i < 8; i++)
            {
                list.Add(await client.PostJsonAsync("/api/password/forgot", new { email = "mario@example.it" }));
            }

            list.Add(await client.PostJsonAsync("/api/password/forgot", new { email = "anna@example.it" }));
            return list;
        });

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Accepted);
        (await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))).Distinct().ShouldHaveSingleItem();
        app.MailsTo("mario@example.it").ShouldBe(AddressMailLimit.PerWindow);
        app.MailsTo("anna@example.it").ShouldBe(1);
    }

    [Fact]
    public async Task the_reset_link_comes_from_the_configured_address_whatever_the_host_header_says()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/password/forgot", UriKind.Relative)) { Content = JsonContent.Create(new { email = "mario@example.it" }) };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var (link, _) = ProfileTestKit.LinkIn(await app.WaitForMailAsync("mario@example.it"), "/reimposta-password");

        link.ShouldStartWith(AccountsApp.PublicBaseUrl + "/reimposta-password?token=");
        link.ShouldNotContain("evil");
    }

    [Fact]
    public async Task a_reset_sets_the_password_once_ends_every_session_and_tells_the_owner()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var signedIn = await app.SignInAsync("mario@example.it");
        (await signedIn.GetAsync(new Uri("/api/profile", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var client = app.Client();
        await client.PostJsonAsync("/api/password/forgot", new { email = "mario@example.it" });
        var (_, token) = ProfileTestKit.LinkIn(await app.WaitForMailAsync("mario@example.it"), "/reimposta-password");
        var page = "/reimposta-password?token=" + Uri.EscapeDataString(token);
        var form = await client.GetHtmlAsync(page);
        form.ShouldContain("type=\"password\"");
        form.ShouldContain("Nuova password");

        var weak = await (await client.PostFormAsync(page, [new("Input.Token", token), new("Input.Password", "corta"), new("Input.Confirmation", "corta")])).HtmlAsync();
        var reset = await (await client.PostFormAsync(page, [new("Input.Token", token), new("Input.Password", NewPassword), new("Input.Confirmation", NewPassword)])).HtmlAsync();
        var again = await (await client.PostFormAsync(page, [new("Input.Token", token), new("Input.Password", "Altra-chiave-lunga-88"), new("Input.Confirmation", "Altra-chiave-lunga-88")])).HtmlAsync();

        weak.ShouldContain("La password deve avere almeno 10 caratteri.");
        reset.ShouldContain("Password cambiata");
        again.ShouldContain("Il link non è valido");
        (await signedIn.GetAsync(new Uri("/api/profile", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInAsync(app, "mario@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.Failed>();
        (await SignInAsync(app, "mario@example.it", NewPassword)).ShouldBeOfType<SignInResult.SignedIn>();
        (await app.WaitForMailAsync("mario@example.it", "password")).ShouldNotBeNull();
        var login = await app.StreamAsync(LoginId.For(LoginRealm.Customer, "mario@example.it"));
        login.Select(e => e.Data).OfType<PasswordSet>().ShouldHaveSingleItem().Reason.ShouldBe("reset");
        login.Select(e => e.Data).OfType<PasswordResetRequested>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task an_expired_reset_link_changes_nothing()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var client = app.Client();
        await client.PostJsonAsync("/api/password/forgot", new { email = "mario@example.it" });
        var (_, token) = ProfileTestKit.LinkIn(await app.WaitForMailAsync("mario@example.it"), "/reimposta-password");

        // The clock is the system's here: age the token in the database instead of moving time.
        await using (var age = app.Get<Npgsql.NpgsqlDataSource>().CreateCommand($"UPDATE {app.Schema}.one_time_tokens SET expires_at = now() - interval '1 minute' WHERE purpose = 'password-reset'"))
        {
            (await age.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var response = await client.PostJsonAsync("/api/password/reset", new { token, password = NewPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("password.token_invalid");
        (await SignInAsync(app, "mario@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.SignedIn>();
    }

    [Fact]
    public async Task a_weak_password_is_refused_with_the_rule_in_the_callers_language()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var client = app.Client();
        await client.PostJsonAsync("/api/password/forgot", new { email = "mario@example.it" });
        var (_, token) = ProfileTestKit.LinkIn(await app.WaitForMailAsync("mario@example.it"), "/reimposta-password");

        var italian = await client.PostJsonAsync("/api/password/reset", new { token, password = "mario-12345678" }, "it");
        var english = await client.PostJsonAsync("/api/password/reset", new { token, password = "short" }, "en");

        italian.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await italian.Content.ReadAsStringAsync()).ShouldContain("non deve contenere il tuo indirizzo e-mail");
        english.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = await english.Content.ReadAsStringAsync();
        body.ShouldContain("at least 10 characters");
        body.ShouldContain("password.too_short");
        (await SignInAsync(app, "mario@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.SignedIn>();
    }

    internal static async Task<SignInResult> SignInAsync(AccountsApp app, string email, string password)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignInService>().PasswordSignInAsync(LoginRealm.Customer, email, password, IPAddress.Parse("10.9.8.7"), null);
    }
}
