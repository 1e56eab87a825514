using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tunda.Domain.Customers;

namespace Tunda.Web.Tests.Accounts.Profile;

public sealed class ProfileEditTests
{
    [Fact]
    public async Task the_profile_page_saves_the_editable_fields_as_customer_details_changed()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        using var client = await app.SignInAsync("mario@example.it");
        var html = await client.GetHtmlAsync("/profilo");
        html.ShouldContain("RSSMRA80A01H501U");
        html.ShouldNotContain("id=\"Input_CodiceFiscale\"");

        var response = await client.PostFormAsync("/profilo", Form(ProfileTestKit.InputValue(html, "Input_Version")!, street: "Via Verdi 7"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetHtmlAsync(response.Headers.Location!.ToString())).ShouldContain("Via Verdi 7");
        var changed = (await Events(app, customerId)).OfType<CustomerDetailsChanged>().ShouldHaveSingleItem();
        changed.Details.Address.Street.ShouldBe("Via Verdi 7");
        changed.Details.Phone.ShouldBe("+39 02 7654321");
    }

    [Fact]
    public async Task legal_fields_cannot_be_changed_through_the_page_or_the_api()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        using var client = await app.SignInAsync("mario@example.it");
        var version = ProfileTestKit.InputValue(await client.GetHtmlAsync("/profilo"), "Input_Version")!;
        var before = (await Events(app, customerId)).Count;

        var page = await (await client.PostFormAsync("/profilo", [.. Form(version, street: "Via Verdi 7"), new("Input.CodiceFiscale", "BNCLRA85C41F205X"), new("Input.LastName", "Bianchi")])).HtmlAsync();
        var api = await client.PutJsonAsync("/api/profile", Body(long.Parse(version, System.Globalization.CultureInfo.InvariantCulture)) with { CodiceFiscale = "BNCLRA85C41F205X", FirstName = "Luigi" });

        page.ShouldContain("Non è stato salvato nulla");
        page.ShouldContain("Codice fiscale");
        api.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe("customer.legal_fields_immutable");
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldBe(["firstName", "codiceFiscale"], ignoreOrder: true);
        (await Events(app, customerId)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task an_edit_made_on_a_stale_version_is_refused_and_keeps_what_was_typed()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        using var client = await app.SignInAsync("mario@example.it");
        var version = ProfileTestKit.InputValue(await client.GetHtmlAsync("/profilo"), "Input_Version")!;
        (await client.PutJsonAsync("/api/profile", Body(long.Parse(version, System.Globalization.CultureInfo.InvariantCulture)) with { City = "Torino" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await (await client.PostFormAsync("/profilo", Form(version, street: "Via Verdi 7"))).HtmlAsync();
        var api = await client.PutJsonAsync("/api/profile", Body(long.Parse(version, System.Globalization.CultureInfo.InvariantCulture)) with { City = "Roma" });

        page.ShouldContain("qualcun altro ha modificato il profilo");
        ProfileTestKit.InputValue(page, "Input_Street").ShouldBe("Via Verdi 7");
        api.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var changes = (await Events(app, customerId)).OfType<CustomerDetailsChanged>().ShouldHaveSingleItem();
        changes.Details.Address.City.ShouldBe("Torino");
        var current = await (await client.GetAsync(new Uri("/api/profile", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        current.GetProperty("city").GetString().ShouldBe("Torino");
        current.GetProperty("street").GetString().ShouldBe("Via Roma 1");
    }

    [Fact]
    public async Task a_contact_without_the_profile_permission_is_forbidden()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedContactAsync(customerId, "laura@example.it", Permissions.Invoices);
        using var client = await app.SignInAsync("laura@example.it");

        (await client.GetAsync(new Uri("/profilo", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync(new Uri("/api/profile", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var forbidden = await client.PutJsonAsync("/api/profile", Body(2));
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var problem = JsonDocument.Parse(await forbidden.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Accesso negato");
        problem.RootElement.GetProperty("detail").GetString().ShouldBe("Non hai i permessi per questa operazione.");
        problem.RootElement.GetProperty("code").GetString().ShouldBe("http.forbidden");
        (await client.GetAsync(new Uri("/profilo/password", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_post_without_the_antiforgery_token_is_rejected()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        using var client = await app.SignInAsync("mario@example.it");
        await client.GetAsync(new Uri("/profilo", UriKind.Relative));

        var response = await client.PostAsync(new Uri("/profilo", UriKind.Relative), new FormUrlEncodedContent(Form("2", street: "Via Verdi 7")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Events(app, customerId)).OfType<CustomerDetailsChanged>().ShouldBeEmpty();
    }

    private static List<KeyValuePair<string, string>> Form(string version, string street) =>
    [
        new("Input.Version", version), new("Input.Street", street), new("Input.City", "Milano"), new("Input.Zip", "20121"),
        new("Input.Province", "MI"), new("Input.Country", "IT"), new("Input.Phone", "+39 02 7654321"), new("Input.Pec", ""),
        new("Input.CodiceDestinatario", "0000000"), new("Input.Language", "it"),
    ];

    private static ProfileBody Body(long version) => new(version, "Via Roma 1", "Milano", "20121", "MI", "IT", "+39 02 1234567", null, "0000000", "it");

    private static async Task<IReadOnlyList<object>> Events(AccountsApp app, Guid customerId) =>
        [.. (await app.StreamAsync(customerId)).Select(e => e.Data)];

    private sealed record ProfileBody(long Version, string Street, string City, string Zip, string Province, string Country, string Phone, string? Pec, string CodiceDestinatario, string Language)
    {
        public string? FirstName { get; init; }

        public string? CodiceFiscale { get; init; }
    }
}
