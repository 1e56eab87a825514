using System.Net;
using System.Net.Http.Json;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests.Accounts.Contacts;

/// <summary>From the invitation the customer sends to the contact's first sign-in.</summary>
public sealed class ContactInvitationTests
{
    [Fact]
    public async Task an_invited_contact_accepts_with_a_password_and_signs_in_to_only_what_it_may_see()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it", companyName: "Rossi Impianti Srl");
        using var main = await app.SignInAsync("mario@example.it");

        var invited = await main.InviteAsync("Laura Bianchi", "Laura@Example.it", ["Invoices"], ["Invoices"]);
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (mail, link, token) = await app.InvitationAsync("laura@example.it");
        var list = await (await main.GetAsync(new Uri("/contatti", UriKind.Relative))).Content.ReadAsStringAsync();
        using var anonymous = app.Client();
        var page = await anonymous.GetAsync(new Uri(link[AccountsApp.PublicBaseUrl.Length..], UriKind.Relative));
        var pageHtml = await page.Content.ReadAsStringAsync();
        var accepted = await anonymous.AcceptAsync(token, ContactsKit.NewPassword);
        using var contact = await app.SignInAsync("laura@example.it", ContactsKit.NewPassword);
        var invoices = await contact.GetAsync(new Uri("/area-clienti/fatture", UriKind.Relative));
        var invoicesApi = await contact.GetAsync(new Uri("/api/invoices", UriKind.Relative));

        link.ShouldStartWith(AccountsApp.PublicBaseUrl + "/invito?token=");
        mail.Header("Subject").ShouldNotBeNullOrEmpty();
        list.ShouldContain("Laura Bianchi");
        list.ShouldContain("laura@example.it");
        list.ShouldContain("Invitato");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        pageHtml.ShouldContain("Rossi Impianti Srl");
        pageHtml.ShouldContain("id=\"Password\"");
        pageHtml.ShouldContain("id=\"PasswordConfirm\"");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await accepted.Content.ReadAsStringAsync()).ShouldContain("Invito accettato");
        invoices.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await invoices.Content.ReadAsStringAsync()).ShouldContain("disponibile a breve");
        invoicesApi.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await invoicesApi.JsonAsync()).GetArrayLength().ShouldBe(0);
        (await (await main.GetAsync(new Uri("/contatti", UriKind.Relative))).Content.ReadAsStringAsync()).ShouldContain("Attivo");
    }

    [Fact]
    public async Task an_invitation_link_works_once()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var main = await app.SignInAsync("mario@example.it");
        await main.InviteAsync("Laura Bianchi", "laura@example.it", ["Invoices"]);
        var (_, _, token) = await app.InvitationAsync("laura@example.it");
        using var anonymous = app.Client();

        var first = await anonymous.AcceptAsync(token, ContactsKit.NewPassword);
        var again = await anonymous.GetAsync(new Uri($"/invito?token={token}", UriKind.Relative));
        var againApi = await anonymous.PostAsJsonAsync(new Uri("/api/invitations/accept", UriKind.Relative), new { token, password = "Un-altra-password-2026!" });
        var signIn = await app.SignInResultAsync("laura@example.it", "Un-altra-password-2026!");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await again.Content.ReadAsStringAsync()).ShouldContain("non è valido");
        againApi.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await againApi.JsonAsync()).GetProperty("code").GetString().ShouldBe("invitation.invalid");
        signIn.ShouldBeOfType<SignInResult.Failed>();
    }

    [Fact]
    public async Task a_weak_password_is_refused_in_italian_and_in_english_and_the_link_stays_usable()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var main = await app.SignInAsync("mario@example.it");
        await main.InviteAsync("Laura Bianchi", "laura@example.it", ["Invoices"]);
        var (_, _, token) = await app.InvitationAsync("laura@example.it");
        using var anonymous = app.Client();

        var italian = await anonymous.AcceptAsync(token, "corta");
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/invitations/accept") { Content = JsonContent.Create(new { token, password = "password" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishAnswer = await anonymous.SendAsync(english);
        var englishProblem = await englishAnswer.JsonAsync();
        var stillValid = await anonymous.PostAsJsonAsync(new Uri("/api/invitations/accept", UriKind.Relative), new { token, password = ContactsKit.NewPassword });

        italian.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await italian.Content.ReadAsStringAsync()).ShouldContain("La password deve avere almeno 10 caratteri.");
        englishAnswer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        englishProblem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString())
            .ShouldContain("This password is among the most used ones and is easy to guess: please choose another.");
        stillValid.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.SignInResultAsync("laura@example.it", ContactsKit.NewPassword)).ShouldBeOfType<SignInResult.SignedIn>();
    }

    [Fact]
    public async Task someone_who_already_signs_in_elsewhere_accepts_without_a_new_password_and_then_chooses_between_two_accounts()
    {
        await using var app = await AccountsApp.StartAsync();
        var other = await app.SeedCustomerAsync("laura@example.it", firstName: "Laura", lastName: "Bianchi");
        var customer = await app.SeedCustomerAsync("mario@example.it");
        using var main = await app.SignInAsync("mario@example.it");
        await main.InviteAsync("Laura Bianchi", "laura@example.it", ["Tickets"]);
        var (_, link, token) = await app.InvitationAsync("laura@example.it");
        using var anonymous = app.Client();

        var page = await (await anonymous.GetAsync(new Uri(link[AccountsApp.PublicBaseUrl.Length..], UriKind.Relative))).Content.ReadAsStringAsync();
        var accepted = await anonymous.PostFormAsync($"/invito?token={token}", [new("token", token)]);
        var signIn = await app.SignInResultAsync("laura@example.it", AccountsApp.Password);
        using var asContact = await app.SignInAsync("laura@example.it", AccountsApp.Password, customer);
        using var asOwner = await app.SignInAsync("laura@example.it", AccountsApp.Password, other);

        page.ShouldNotContain("id=\"Password\"");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var choice = signIn.ShouldBeOfType<SignInResult.NeedsAccountChoice>();
        choice.Accounts.Select(a => a.CustomerId).ShouldBe([other, customer], ignoreOrder: true);
        (await asContact.GetAsync(new Uri("/api/tickets", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asContact.GetAsync(new Uri("/api/invoices", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asOwner.GetAsync(new Uri("/api/invoices", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_contact_form_posted_without_its_antiforgery_token_is_refused()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        using var main = await app.SignInAsync("mario@example.it");

        var posted = await main.PostAsync(new Uri("/contatti/nuovo", UriKind.Relative), new FormUrlEncodedContent([
            new KeyValuePair<string, string>("Input.Name", "Laura Bianchi"),
            new KeyValuePair<string, string>("Input.Email", "laura@example.it"),
            new KeyValuePair<string, string>("Input.Permissions", "Invoices")]));
        var list = await (await main.GetAsync(new Uri("/api/contacts", UriKind.Relative))).JsonAsync();

        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        list.GetArrayLength().ShouldBe(0);
        app.Mail.Received.ShouldBeEmpty();
        customer.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task accepting_invitations_is_rate_limited_on_the_page_and_the_api()
    {
        await using var app = await AccountsApp.StartAsync(new Dictionary<string, string?>
        {
            ["Tunda:RateLimits:contact-invitation:PermitLimit"] = "2",
            ["Tunda:RateLimits:contact-invitation:WindowSeconds"] = "600",
        });
        await app.SeedCustomerAsync("mario@example.it");
        using var main = await app.SignInAsync("mario@example.it");
        await main.PostAsJsonAsync(new Uri("/api/contacts", UriKind.Relative), new { name = "Laura Bianchi", email = "laura@example.it", permissions = new[] { "Invoices" } });
        var (_, _, token) = await app.InvitationAsync("laura@example.it");
        using var anonymous = app.Client();

        var first = await anonymous.PostAsJsonAsync(new Uri("/api/invitations/accept", UriKind.Relative), new { token = "indovinato-1", password = ContactsKit.NewPassword });
        var second = await anonymous.PostAsJsonAsync(new Uri("/api/invitations/accept", UriKind.Relative), new { token = "indovinato-2", password = ContactsKit.NewPassword });
        var third = await anonymous.PostAsJsonAsync(new Uri("/api/invitations/accept", UriKind.Relative), new { token = "indovinato-3", password = ContactsKit.NewPassword });
        var page = await anonymous.PostFormAsync($"/invito?token={token}", [new("Password", ContactsKit.NewPassword), new("PasswordConfirm", ContactsKit.NewPassword)]);

        first.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        second.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.ShouldNotBeNull();
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await app.SignInResultAsync("laura@example.it", ContactsKit.NewPassword)).ShouldBeOfType<SignInResult.Failed>();
    }
}
