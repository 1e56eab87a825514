using System.Net;
using System.Net.Http.Json;
using Tunda.Domain.Customers;

namespace Tunda.Web.Tests.Accounts.Contacts;

/// <summary>What a contact reaches is what its permissions say, on pages and API alike, and it cannot hand out more.</summary>
public sealed class ContactPermissionTests
{
    public static readonly string[] SectionPages = ["/area-clienti/servizi", "/area-clienti/domini", "/area-clienti/ordini", "/area-clienti/fatture", "/area-clienti/ticket", "/contatti", "/contatti/nuovo", "/profilo", "/profilo/email"];

    public static readonly string[] SectionApis = ["/api/services", "/api/domains", "/api/orders", "/api/invoices", "/api/tickets", "/api/contacts", "/api/profile"];

    /// <summary>An invoices-only contact: 200 on the invoices page and API, 403 on every other section.</summary>
    internal static async Task ShouldReachOnlyInvoicesAsync(HttpClient contact)
    {
        foreach (var path in SectionPages.Concat(SectionApis))
        {
            var answer = await contact.GetAsync(new Uri(path, UriKind.Relative));
            answer.StatusCode.ShouldBe(path.Contains("fatture", StringComparison.Ordinal) || path.Contains("invoices", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, path);
        }

        var invite = await contact.PostAsJsonAsync(new Uri("/api/contacts", UriKind.Relative), new { name = "Altro", email = "altro@example.it", permissions = new[] { "Invoices" } });
        invite.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_invoices_only_contact_reaches_invoices_and_nothing_else()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedContactAsync(customer, "laura@example.it", Permissions.Invoices);
        using var contact = await app.SignInAsync("laura@example.it");
        using var main = await app.SignInAsync("mario@example.it");

        await ShouldReachOnlyInvoicesAsync(contact);
        foreach (var path in SectionPages.Concat(SectionApis))
        {
            (await main.GetAsync(new Uri(path, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task the_invited_contact_after_accepting_reaches_only_invoices()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var main = await app.SignInAsync("mario@example.it");
        await main.InviteAsync("Laura Bianchi", "laura@example.it", ["Invoices"]);
        var (_, _, token) = await app.InvitationAsync("laura@example.it");
        using var anonymous = app.Client();
        (await anonymous.AcceptAsync(token, ContactsKit.NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var contact = await app.SignInAsync("laura@example.it", ContactsKit.NewPassword);

        await ShouldReachOnlyInvoicesAsync(contact);
    }

    [Fact]
    public async Task a_contact_manager_cannot_grant_a_permission_it_lacks()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedContactAsync(customer, "capo@example.it", Permissions.Contacts | Permissions.Invoices, name: "Capo Ufficio");
        var clerk = await app.SeedContactAsync(customer, "laura@example.it", Permissions.Invoices);
        using var manager = await app.SignInAsync("capo@example.it");

        var inviteApi = await manager.PostAsJsonAsync(new Uri("/api/contacts", UriKind.Relative), new { name = "Nuovo", email = "nuovo@example.it", permissions = new[] { "Invoices", "Orders" } });
        var invitePage = await manager.InviteAsync("Nuovo", "nuovo@example.it", ["Invoices", "Tickets"]);
        var changeApi = await manager.PutAsJsonAsync(new Uri($"/api/contacts/{clerk}", UriKind.Relative), new { name = "Laura Bianchi", permissions = new[] { "Invoices", "ViewServices" } });
        var changePage = await manager.PostFormAsync($"/contatti/{clerk}", [new("Input.Name", "Laura Bianchi"), new("Input.Permissions", "Invoices"), new("Input.Permissions", "ViewDomains")]);
        var allowed = await manager.PostAsJsonAsync(new Uri("/api/contacts", UriKind.Relative), new { name = "Nuovo", email = "nuovo@example.it", permissions = new[] { "Invoices" } });
        var clerkNow = await (await manager.GetAsync(new Uri($"/api/contacts/{clerk}", UriKind.Relative))).JsonAsync();
        var contacts = await (await manager.GetAsync(new Uri("/api/contacts", UriKind.Relative))).JsonAsync();

        inviteApi.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await inviteApi.JsonAsync()).GetProperty("code").GetString().ShouldBe("contact.permission_escalation");
        invitePage.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await invitePage.Content.ReadAsStringAsync()).ShouldContain("permesso che tu stesso non hai");
        changeApi.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        changePage.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        clerkNow.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["Invoices"]);
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
        contacts.EnumerateArray().Select(c => c.GetProperty("email").GetString()).ShouldBe(["capo@example.it", "laura@example.it", "nuovo@example.it"], ignoreOrder: true);
        app.Mail.Received.Where(m => m.Recipients.Contains("nuovo@example.it")).Count().ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task invalid_contact_fields_are_unprocessable_with_field_errors()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var main = await app.SignInAsync("mario@example.it");

        var api = await main.PostAsJsonAsync(new Uri("/api/contacts", UriKind.Relative), new { name = "Laura", email = "non-una-mail" });
        var page = await main.InviteAsync("", "laura@example.it", ["Invoices"]);

        api.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await api.JsonAsync()).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
        page.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Scrivi il nome");
    }
}
