using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using static Tunda.Web.Tests.Accounts.Registration.RegistrationSteps;

namespace Tunda.Web.Tests.Accounts.Registration;

public sealed class RegistrationTests
{
    [Fact]
    public async Task a_person_registering_on_the_page_is_recorded_reserved_and_mailed_a_summary_with_a_link_on_the_public_address()
    {
        await using var app = await StartAsync();
        using var client = app.Client();
        var page = await client.GetStringAsync("/registrati");
        var token = Forms.AntiforgeryToken(page)!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/registrati")
        {
            Content = new FormUrlEncodedContent(AsForm(Person("Mario.Rossi@Example.it")).Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync(response.Headers.Location!.ToString())).ShouldContain("Controlla la tua casella di posta");
        var mail = await app.MailToAsync("mario.rossi@example.it", "/conferma-email?token=");
        mail.ShouldContain("Benvenuto in Tunda");
        mail.ShouldContain("RSSMRA85T10A562S");
        mail.ShouldContain("Persona fisica");
        mail.ShouldContain(PublicBaseUrl + "/conferma-email?token=");
        mail.ShouldNotContain("evil.example");
        mail.ShouldNotContain(Password);

        (await app.ScalarAsync("SELECT count(*) FROM {schema}.main_account_emails WHERE email = 'mario.rossi@example.it'")).ShouldBe(1);
        var customerId = await TestDatabase.ScalarAsync<Guid>($"SELECT customer_id FROM {app.Schema}.main_account_emails WHERE email = 'mario.rossi@example.it'");
        var events = await app.StreamAsync(customerId);
        var registered = events.Select(e => e.Data).OfType<CustomerRegistered>().ShouldHaveSingleItem();
        registered.Kind.ShouldBe(CustomerKind.Person);
        registered.Terms.TermsVersion.ShouldBe("2026-01");
        registered.Details.Language.ShouldBe("it");
        var login = await app.StreamAsync(LoginId.For(LoginRealm.Customer, "mario.rossi@example.it"));
        login.Select(e => e.Data).OfType<PasswordSet>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_company_registers_through_the_api_and_gets_201_with_its_location()
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["Tunda:Legal:TermsVersion"] = "2026-07" });
        using var client = app.Client("en");

        var response = await RegisterAsync(client, Company("ufficio@caffe.example"));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var created = (await response.Content.ReadFromJsonAsync<Created>())!;
        response.Headers.Location.ShouldBeNull();   // nothing to fetch until the address is confirmed and the customer signs in
        var registered = (await app.StreamAsync(created.CustomerId)).Select(e => e.Data).OfType<CustomerRegistered>().ShouldHaveSingleItem();
        registered.Kind.ShouldBe(CustomerKind.Company);
        registered.Legal.CompanyName.ShouldBe("Caffè Rossi S.r.l.");
        registered.Legal.VatNumber.ShouldBe("01234567897");
        registered.Terms.TermsVersion.ShouldBe("2026-07");
        (await app.ScalarAsync($"SELECT count(*) FROM {{schema}}.main_account_emails WHERE customer_id = '{created.CustomerId}'")).ShouldBe(1);
        var mail = await app.MailToAsync("ufficio@caffe.example", "/conferma-email?token=");
        mail.ShouldContain("Welcome to Tunda");
        mail.ShouldContain("Company");
        mail.ShouldContain("ABC1234");
        mail.ShouldNotContain(Password);
    }

    [Theory]
    [InlineData("it", "Inserisci un CAP valido", "La password deve avere almeno 10 caratteri", "Le due password non coincidono")]
    [InlineData("en", "Enter a valid postcode", "The password needs at least 10 characters", "The two passwords do not match")]
    public async Task every_invalid_field_is_reported_at_once_in_the_visitors_language(string language, string zip, string password, string mismatch)
    {
        await using var app = await StartAsync();
        using var client = app.Client(language);
        var body = Person("not-an-address");
        body["zip"] = "123";
        body["codiceFiscale"] = "";
        body["phone"] = "x";
        body["password"] = "corta";
        body["passwordConfirmation"] = "diversa";
        body["acceptTerms"] = false;
        body["acceptPrivacy"] = false;

        var response = await RegisterAsync(client, body);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["email", "zip", "codiceFiscale", "phone", "password", "passwordConfirmation", "acceptTerms", "acceptPrivacy"], ignoreOrder: true);
        errors.GetProperty("zip")[0].GetString().ShouldStartWith(zip);
        errors.GetProperty("password").EnumerateArray().ShouldContain(e => e.GetString()!.StartsWith(password, StringComparison.Ordinal));
        errors.GetProperty("passwordConfirmation")[0].GetString().ShouldStartWith(mismatch);
        problem.RootElement.GetProperty("codes").GetProperty("password").EnumerateArray().Select(e => e.GetString()).ShouldContain("password.too_short");

        var form = await client.PostFormAsync("/registrati", AsForm(body));
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync());
        html.ShouldContain(zip);
        html.ShouldContain(mismatch);
        html.ShouldContain("id=\"Input_Zip\"");
        html.ShouldContain(language == "it" ? "<label for=\"Input_Zip\">CAP</label>" : "<label for=\"Input_Zip\">Postcode</label>");
        html.ShouldContain("name=\"Input.AcceptTerms\"");
        html.ShouldContain("value=\"123\"");
        html.ShouldNotContain("value=\"corta\"");
        (await app.ScalarAsync("SELECT count(*) FROM {schema}.mt_events")).ShouldBe(0);
    }

    [Theory]
    [InlineData("Mario\u0000")]
    [InlineData("Mario\r\nBcc: tutti@example.it")]
    [InlineData("Mario\tRossi")]
    public async Task a_name_with_a_control_character_is_refused_on_the_page_and_the_api_and_nothing_is_stored(string firstName)
    {
        await using var app = await StartAsync();
        using var client = app.Client();
        var body = Person("mario@example.it");
        body["firstName"] = firstName;

        var api = await RegisterAsync(client, body);
        var page = await client.PostFormAsync("/registrati", AsForm(body));

        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("firstName")[0].GetString()!.ShouldContain("caratteri non ammessi");
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.ShouldContain("Il modulo contiene testo non ammesso");
        html.ShouldNotContain("Modulo scaduto");
        (await app.ScalarAsync("SELECT count(*) FROM {schema}.mt_events")).ShouldBe(0);
    }

    [Fact]
    public async Task two_racing_registrations_with_one_address_in_different_case_make_exactly_one_customer()
    {
        await using var app = await StartAsync();
        using var one = app.Client();
        using var two = app.Client();

        var responses = await Task.WhenAll(
            RegisterAsync(one, Person("gara@example.it")),
            RegisterAsync(two, Company("GARA@Example.IT")));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Accepted);
        (await app.ScalarAsync("SELECT count(*) FROM {schema}.main_account_emails WHERE email = 'gara@example.it'")).ShouldBe(1);
        (await app.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE type = 'customer_registered'")).ShouldBe(1);
        (await app.ScalarAsync("SELECT count(*) FROM {schema}.mt_streams WHERE type = 'customer'")).ShouldBe(1);
    }

    [Fact]
    public async Task an_address_already_in_use_gets_the_same_answer_and_its_owner_is_told_by_mail()
    {
        await using var app = await StartAsync();
        await app.RegisterConfirmedAsync("titolare@example.it");
        using var stranger = app.Client();

        var api = await RegisterAsync(stranger, Company("Titolare@example.it", "Altra S.r.l."));
        var page = await stranger.PostFormAsync("/registrati", AsForm(Person("titolare@example.it")));

        api.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("inviata=");
        var notice = await app.MailToAsync("titolare@example.it", "Tentativo di registrazione");
        notice.ShouldContain(PublicBaseUrl + "/password-dimenticata");
        (await app.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE type = 'customer_registered'")).ShouldBe(1);

        // The first owner's password still works.
        (await SignInAsync(app.Client(), "titolare@example.it")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task registering_is_rate_limited()
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["Tunda:RateLimits:register:PermitLimit"] = "2" });
        using var client = app.Client();
        var body = Person("x");

        (await RegisterAsync(client, body)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RegisterAsync(client, body)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RegisterAsync(client, body)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task registering_with_the_address_of_a_contact_elsewhere_never_replaces_that_login_password()
    {
        await using var app = await StartAsync();
        var other = await app.SeedCustomerAsync("titolare@bottega.example", companyName: "Bottega Blu S.r.l.");
        await app.SeedContactAsync(other, "laura@example.it", Permissions.Invoices, password: "Laura-sua-password-1!");
        using var stranger = app.Client();
        var body = Person("laura@example.it");
        body["password"] = body["passwordConfirmation"] = "Altra-password-scelta-9!";

        (await RegisterAsync(stranger, body)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = ConfirmToken(await app.MailToAsync("laura@example.it", "/conferma-email?token="));
        (await stranger.PostAsJsonAsync("/api/customers/confirm-email", new { token })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await SignInAsync(app.Client(), "laura@example.it", "Altra-password-scelta-9!")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var own = await (await SignInAsync(app.Client(), "laura@example.it", "Laura-sua-password-1!")).Content.ReadFromJsonAsync<JsonElement>();
        own.GetProperty("next").GetString().ShouldBe("chooseAccount");
    }
}
