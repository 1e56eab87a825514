using System.Net;
using Tunda.Domain.Customers;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests.Accounts.Contacts;

/// <summary>Blocking and deleting a contact end its sessions at once; unblocking lets it back in.</summary>
public sealed class ContactLifecycleTests
{
    [Fact]
    public async Task blocking_ends_the_contacts_session_at_once_and_refuses_its_sign_in_until_unblocked()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        var contactId = await app.SeedContactAsync(customer, "laura@example.it", Permissions.Invoices);
        using var contact = await app.SignInAsync("laura@example.it");
        using var main = await app.SignInAsync("mario@example.it");
        (await contact.GetAsync(new Uri("/api/invoices", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var blocked = await main.PostFormAsync($"/contatti/{contactId}", [], action: $"/contatti/{contactId}?handler=Block");
        var afterBlock = await contact.GetAsync(new Uri("/api/invoices", UriKind.Relative));
        var signInBlocked = await app.SignInResultAsync("laura@example.it", AccountsApp.Password);
        var shown = await (await main.GetAsync(new Uri($"/contatti/{contactId}", UriKind.Relative))).Content.ReadAsStringAsync();
        var unblocked = await main.PostFormAsync($"/contatti/{contactId}", [], action: $"/contatti/{contactId}?handler=Unblock");
        var afterUnblock = await contact.GetAsync(new Uri("/api/invoices", UriKind.Relative));
        using var again = await app.SignInAsync("laura@example.it");

        blocked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        blocked.Headers.Location!.ToString().ShouldBe("/contatti?done=blocked");
        afterBlock.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        signInBlocked.ShouldBeOfType<SignInResult.Blocked>();
        shown.ShouldContain("Bloccato");
        unblocked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterUnblock.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the blocked session stays ended");
        (await again.GetAsync(new Uri("/api/invoices", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task blocking_through_the_api_revokes_the_session_row_itself()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        var contactId = await app.SeedContactAsync(customer, "laura@example.it", Permissions.Invoices);
        using var contact = await app.SignInAsync("laura@example.it");
        using var main = await app.SignInAsync("mario@example.it");

        var blocked = await main.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/contacts/{contactId}/block"));
        var blockedAgain = await main.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/contacts/{contactId}/block"));
        var unblocked = await main.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/contacts/{contactId}/unblock"));
        var afterUnblock = await contact.GetAsync(new Uri("/api/invoices", UriKind.Relative));

        blocked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await blocked.JsonAsync()).GetProperty("status").GetString().ShouldBe("blocked");
        blockedAgain.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unblocked.JsonAsync()).GetProperty("status").GetString().ShouldBe("active");
        afterUnblock.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "unblocking does not bring an ended session back");
    }

    [Fact]
    public async Task deleting_a_contact_ends_its_session_and_removes_it_from_the_list()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        var contactId = await app.SeedContactAsync(customer, "laura@example.it", Permissions.Invoices);
        using var contact = await app.SignInAsync("laura@example.it");
        using var main = await app.SignInAsync("mario@example.it");

        var confirm = await (await main.GetAsync(new Uri($"/contatti/{contactId}/elimina", UriKind.Relative))).Content.ReadAsStringAsync();
        var deleted = await main.PostFormAsync($"/contatti/{contactId}/elimina", []);
        var afterDelete = await contact.GetAsync(new Uri("/api/invoices", UriKind.Relative));
        var list = await (await main.GetAsync(new Uri("/contatti", UriKind.Relative))).Content.ReadAsStringAsync();
        var byId = await main.GetAsync(new Uri($"/api/contacts/{contactId}", UriKind.Relative));
        var signIn = await app.SignInResultAsync("laura@example.it", AccountsApp.Password);

        confirm.ShouldContain("laura@example.it");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterDelete.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        list.ShouldNotContain("laura@example.it");
        byId.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        signIn.ShouldNotBeOfType<SignInResult.SignedIn>();
    }

    [Fact]
    public async Task deleting_through_the_api_voids_the_pending_invitation()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var main = await app.SignInAsync("mario@example.it");
        await main.InviteAsync("Laura Bianchi", "laura@example.it", ["Invoices"]);
        var (_, _, token) = await app.InvitationAsync("laura@example.it");
        var contactId = (await (await main.GetAsync(new Uri("/api/contacts", UriKind.Relative))).JsonAsync())[0].GetProperty("id").GetGuid();

        var deleted = await main.DeleteAsync(new Uri($"/api/contacts/{contactId}", UriKind.Relative));
        using var anonymous = app.Client();
        var page = await anonymous.GetAsync(new Uri($"/invito?token={token}", UriKind.Relative));

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        page.StatusCode.ShouldBe(HttpStatusCode.Gone);
    }
}
