using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using static Tunda.Web.Tests.Accounts.Registration.RegistrationSteps;

namespace Tunda.Web.Tests.Accounts.Registration;

public sealed class SignInTests
{
    [Fact]
    public async Task sign_in_is_refused_before_the_email_is_confirmed_and_allowed_after()
    {
        await using var app = await StartAsync();
        using var client = app.Client();
        (await RegisterAsync(client, Person("nuovo@example.it"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var early = await SignInAsync(client, "nuovo@example.it");
        var earlyPage = await client.PostFormAsync("/accedi", [new("Input.Email", "nuovo@example.it"), new("Input.Password", Password)]);

        early.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await early.Content.ReadAsStringAsync()).ShouldContain("conferma prima l'indirizzo e-mail");
        earlyPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await earlyPage.Content.ReadAsStringAsync()).ShouldContain("conferma prima l'indirizzo e-mail");
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var token = ConfirmToken(await app.MailToAsync("nuovo@example.it", "/conferma-email?token="));
        var confirmPage = WebUtility.HtmlDecode(await client.GetStringAsync("/conferma-email?token=" + Uri.EscapeDataString(token)));
        confirmPage.ShouldContain("Conferma l'indirizzo");
        var confirmed = await client.PostFormAsync("/conferma-email?token=" + Uri.EscapeDataString(token), [new("token", token)]);
        WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()).ShouldContain("Indirizzo confermato");

        var signedIn = await client.PostFormAsync("/accedi?returnUrl=%2Farea-clienti", [new("Input.Email", "NUOVO@example.it"), new("Input.Password", Password), new("ReturnUrl", "/area-clienti")]);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe("/area-clienti");
        var dashboard = WebUtility.HtmlDecode(await client.GetStringAsync("/area-clienti"));
        dashboard.ShouldContain("Ciao Mario Rossi");
        dashboard.ShouldContain("href=\"/area-clienti/fatture\"");
        dashboard.ShouldContain("href=\"/profilo\"");
        dashboard.ShouldContain("action=\"/esci\"");
        var login = await app.StreamAsync(LoginId.For(LoginRealm.Customer, "nuovo@example.it"));
        login.Select(e => e.Data).OfType<SignedIn>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_confirmation_link_works_once_and_a_wrong_one_is_explained()
    {
        await using var app = await StartAsync();
        using var client = app.Client("en");
        (await RegisterAsync(client, Person("unavolta@example.it"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = ConfirmToken(await app.MailToAsync("unavolta@example.it", "/conferma-email?token="));

        var first = await client.PostAsJsonAsync("/api/customers/confirm-email", new { token });
        var second = await client.PostAsJsonAsync("/api/customers/confirm-email", new { token });
        var page = await client.PostFormAsync("/conferma-email?token=" + Uri.EscapeDataString(token), [new("token", token)]);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await second.Content.ReadAsStringAsync()).ShouldContain("register.token_invalid");
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).ShouldContain("This confirmation link is not valid");
        (await app.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE type = 'customer_email_confirmed'")).ShouldBe(1);
    }

    [Fact]
    public async Task signing_out_ends_the_session_so_the_old_cookie_gets_401()
    {
        await using var app = await StartAsync();
        var customerId = await app.RegisterConfirmedAsync("esce@example.it");
        var cookies = new CookieContainer();
        using var client = app.Client(cookies);
        (await SignInAsync(client, "esce@example.it")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        me.GetProperty("customerId").GetGuid().ShouldBe(customerId);
        me.GetProperty("name").GetString().ShouldBe("Mario Rossi");
        me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain("Invoices");
        var cookie = SessionCookie(cookies);

        using var old = OldCookieClient(app, cookie);
        (await old.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/area-clienti")).ShouldContain("action=\"/esci\"");

        var exit = await client.PostFormAsync("/area-clienti", [], action: "/esci");

        exit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await old.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var login = await app.StreamAsync(LoginId.For(LoginRealm.Customer, "esce@example.it"));
        login.Select(e => e.Data).OfType<SignedOut>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_api_session_can_be_deleted()
    {
        await using var app = await StartAsync();
        await app.RegisterConfirmedAsync("api@example.it");
        var cookies = new CookieContainer();
        using var client = app.Client(cookies);
        (await (await SignInAsync(client, "api@example.it")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString().ShouldBe("signedIn");
        var cookie = SessionCookie(cookies);

        using var old = OldCookieClient(app, cookie);
        (await old.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.DeleteAsync("/api/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await old.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_address_that_is_main_account_at_one_customer_and_contact_at_another_chooses_the_account()
    {
        await using var app = await StartAsync();
        var a = await app.RegisterConfirmedAsync("doppio@example.it");
        var b = await app.SeedCustomerAsync("altro@example.it", companyName: "Bottega Blu S.r.l.");
        var contactId = await app.SeedContactAsync(b, "doppio@example.it", Permissions.Invoices | Permissions.Tickets, name: "Mario Rossi");

        using var api = app.Client();
        var answer = await (await SignInAsync(api, "doppio@example.it")).Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("next").GetString().ShouldBe("chooseAccount");
        answer.GetProperty("accounts").EnumerateArray().Select(x => x.GetProperty("customerName").GetString()).ShouldBe(["Mario Rossi", "Bottega Blu S.r.l."], ignoreOrder: true);
        (await api.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.PostAsJsonAsync("/api/session/account", new { accessId = contactId })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/me");
        me.GetProperty("customerId").GetGuid().ShouldBe(b);
        me.GetProperty("contactId").GetGuid().ShouldBe(contactId);
        me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["Invoices", "Tickets"], ignoreOrder: true);

        using var browser = app.Client();
        var signIn = await browser.PostFormAsync("/accedi", [new("Input.Email", "doppio@example.it"), new("Input.Password", Password)]);
        signIn.Headers.Location!.ToString().ShouldBe("/accedi/scegli-account");
        (await browser.GetAsync("/area-clienti")).Headers.Location!.ToString().ShouldBe("/accedi/scegli-account");
        var choice = WebUtility.HtmlDecode(await browser.GetStringAsync("/accedi/scegli-account"));
        choice.ShouldContain("Bottega Blu S.r.l.");
        choice.ShouldContain($"value=\"{a}\"");
        var chosen = await browser.PostFormAsync("/accedi/scegli-account", [new("accessId", contactId.ToString())]);
        chosen.Headers.Location!.ToString().ShouldBe("/area-clienti");
        var dashboardResponse = await browser.GetAsync("/area-clienti");
        dashboardResponse.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var dashboard = WebUtility.HtmlDecode(await dashboardResponse.Content.ReadAsStringAsync());
        dashboard.ShouldContain("Bottega Blu S.r.l.");
        dashboard.ShouldContain("href=\"/area-clienti/fatture\"");
        dashboard.ShouldNotContain("href=\"/profilo\"");
        dashboard.ShouldNotContain("href=\"/area-clienti/servizi\"");
    }

    [Fact]
    public async Task repeated_failures_are_throttled_with_the_wait_in_the_visitors_language()
    {
        // After three failures the address closes for the whole window, so the wait outlasts the test however slow it runs.
        await using var app = await StartAsync(new Dictionary<string, string?> { ["Tunda:Security:Throttle:FailuresPerEmail"] = "3" });
        await app.RegisterConfirmedAsync("bersaglio@example.it");
        using var client = app.Client("en");

        HttpResponseMessage? throttled = null;
        for (var attempt = 0; attempt < 6 && throttled is null; attempt++)
        {
            var response = await SignInAsync(client, "bersaglio@example.it", "Sbagliata-123!");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled = response;
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }
        }

        throttled.ShouldNotBeNull();
        throttled.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.FromMinutes(1));
        var problem = await throttled.Content.ReadAsStringAsync();
        problem.ShouldContain("signin.throttled");
        problem.ShouldContain("Too many failed attempts");

        var page = await client.PostFormAsync("/accedi", [new("Input.Email", "bersaglio@example.it"), new("Input.Password", Password)]);
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).ShouldContain("please wait");
    }

    [Fact]
    public async Task forms_posted_without_antiforgery_are_rejected()
    {
        await using var app = await StartAsync();
        using var client = app.Client();

        var register = await client.PostAsync("/registrati", new FormUrlEncodedContent(AsForm(Person("senza@example.it"))));
        var signIn = await client.PostAsync("/accedi", new FormUrlEncodedContent([new("Input.Email", "x@example.it"), new("Input.Password", "y")]));
        var signOut = await client.PostAsync("/esci", new FormUrlEncodedContent([]));

        register.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        signIn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        signOut.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.ScalarAsync("SELECT count(*) FROM {schema}.mt_events")).ShouldBe(0);
    }

    [Fact]
    public async Task the_dashboard_sends_anonymous_visitors_to_sign_in()
    {
        await using var app = await StartAsync();
        using var client = app.Client();

        var response = await client.GetAsync("/area-clienti");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/accedi?returnUrl=%2Farea-clienti");
        var signIn = await client.GetStringAsync("/accedi?returnUrl=%2Farea-clienti");
        signIn.ShouldContain("href=\"/password-dimenticata\"");
        signIn.ShouldContain("href=\"/username-dimenticato\"");
        signIn.ShouldContain("href=\"/registrati\"");
        signIn.ShouldContain("value=\"/area-clienti\"");
    }

    /// <summary>Another client replaying a copy of the session cookie, as someone who kept it would.</summary>
    private static HttpClient OldCookieClient(AccountsApp app, string cookie)
    {
        var cookies = new CookieContainer();
        cookies.Add(new Uri("http://localhost"), new Cookie("tunda_session", cookie));
        return app.Client(cookies);
    }
}
