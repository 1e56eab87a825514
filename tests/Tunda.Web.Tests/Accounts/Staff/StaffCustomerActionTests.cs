using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Web.Security.SignIn;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Tests.Accounts.Staff;

public sealed class StaffCustomerActionTests
{
    [Fact]
    public async Task staff_move_a_customers_login_email_old_address_fails_new_one_signs_in_both_are_mailed_and_the_reservation_moves()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedCustomerAsync("occupato@example.it", firstName: "Lucia", lastName: "Blu");
        var (staff, _, _) = await StaffKit.SignedInAsync(app, "supporto@tunda.it", StaffRoles.Support);
        var page = $"/staff/clienti/{customerId}";

        var taken = await staff.PostFormAsync(page, [new("Email.NewEmail", "occupato@example.it")], $"{page}?handler=Email");
        (await taken.Content.ReadAsStringAsync()).ShouldContain("Un altro cliente usa già questo indirizzo");
        var moved = await staff.PostFormAsync(page, [new("Email.NewEmail", "Mario.Nuovo@Example.it")], $"{page}?handler=Email");

        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SignInAsync(app, "mario@example.it")).ShouldBeOfType<SignInResult.Failed>();
        (await SignInAsync(app, "mario.nuovo@example.it")).ShouldBeOfType<SignInResult.SignedIn>().Account!.CustomerId.ShouldBe(customerId);
        var toOld = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains("mario@example.it"), TimeSpan.FromSeconds(30));
        var toNew = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains("mario.nuovo@example.it"), TimeSpan.FromSeconds(30));
        StaffKit.Text(toOld).ShouldContain("mario.nuovo@example.it");
        StaffKit.Text(toNew).ShouldContain("mario@example.it");
        (await TestDatabase.ScalarAsync<string>($"SELECT string_agg(email, ',') FROM {app.Schema}.main_account_emails WHERE customer_id = '{customerId}'")).ShouldBe("mario.nuovo@example.it");
        (await staff.GetStringAsync(new Uri(page, UriKind.Relative))).ShouldContain("mario.nuovo@example.it");
    }

    [Fact]
    public async Task blocking_ends_the_customers_session_at_once_and_sign_in_then_says_blocked()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("bloccato@example.it");
        using var customer = await app.SignInAsync("bloccato@example.it");
        (await customer.GetStringAsync(new Uri("/", UriKind.Relative))).ShouldContain("action=\"/esci\"");
        var (staff, _, _) = await StaffKit.SignedInAsync(app, "billing@tunda.it", StaffRoles.Billing);
        var page = $"/staff/clienti/{customerId}";

        var missingReason = await staff.PostFormAsync(page, [new("Block.Reason", "")], $"{page}?handler=Block");
        (await missingReason.Content.ReadAsStringAsync()).ShouldContain("Campo obbligatorio");
        var blocked = await staff.PostFormAsync(page, [new("Block.Reason", "Pagamenti fraudolenti")], $"{page}?handler=Block");

        blocked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await customer.GetStringAsync(new Uri("/", UriKind.Relative))).ShouldNotContain("action=\"/esci\"");
        (await SignInAsync(app, "bloccato@example.it")).ShouldBeOfType<SignInResult.Blocked>();

        var unblocked = await staff.PostAsJsonAsync(new Uri($"/api/staff/customers/{customerId}/block", UriKind.Relative), new { }, CancellationToken.None);
        unblocked.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await staff.DeleteAsync(new Uri($"/api/staff/customers/{customerId}/block", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SignInAsync(app, "bloccato@example.it")).ShouldBeOfType<SignInResult.SignedIn>();
    }

    [Fact]
    public async Task a_staff_started_password_reset_mails_a_link_on_the_public_address_with_the_token_the_reset_page_consumes()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("smemorato@example.it");
        var (staff, _, _) = await StaffKit.SignedInAsync(app, "admin2@tunda.it", StaffRoles.Administrator);
        var page = $"/staff/clienti/{customerId}";

        var sent = await staff.PostFormAsync(page, [], $"{page}?handler=Reset");

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mail = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains("smemorato@example.it"), TimeSpan.FromSeconds(30));
        var link = StaffKit.LinkIn(mail, "/reimposta-password");
        link.ShouldStartWith($"{AccountsApp.PublicBaseUrl}/reimposta-password?token=");
        var token = await app.Get<OneTimeTokens>().ConsumeAsync("password-reset", StaffKit.TokenOf(link));
        token!.Subject.ShouldBe("smemorato@example.it");
        using var payload = JsonDocument.Parse(token.Payload!);
        payload.RootElement.GetProperty("realm").GetString().ShouldBe("customer");
        payload.RootElement.GetProperty("email").GetString().ShouldBe("smemorato@example.it");
        payload.RootElement.GetProperty("loginId").GetGuid().ShouldBe(LoginId.For(LoginRealm.Customer, "smemorato@example.it"));
        (await staff.GetStringAsync(new Uri(page, UriKind.Relative))).ShouldNotContain(StaffKit.TokenOf(link));
    }

    [Fact]
    public async Task staff_search_customers_by_name_email_codice_fiscale_and_partita_iva()
    {
        await using var app = await AccountsApp.StartAsync();
        var company = await app.SeedCustomerAsync("pizzeria@example.it", companyName: "Pizzeria Bella Napoli S.r.l.");
        await app.SeedCustomerAsync("altro@example.it", firstName: "Giovanni", lastName: "Verdi");
        var (staff, _, _) = await StaffKit.SignedInAsync(app, "cerca@tunda.it", StaffRoles.Support);

        foreach (var query in new[] { "bella napoli", "PIZZERIA@example", "04512360159" })
        {
            var html = await staff.GetStringAsync(new Uri($"/staff/clienti?q={Uri.EscapeDataString(query)}", UriKind.Relative));
            html.ShouldContain($"/staff/clienti/{company}");
            html.ShouldNotContain("altro@example.it");
        }

        var api = await staff.GetFromJsonAsync<JsonElement>(new Uri("/api/staff/customers?q=verdi", UriKind.Relative));
        api.GetArrayLength().ShouldBe(1);
        api[0].GetProperty("loginEmail").GetString().ShouldBe("altro@example.it");
    }

    private static async Task<SignInResult> SignInAsync(AccountsApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignInService>().PasswordSignInAsync(LoginRealm.Customer, email, AccountsApp.Password, IPAddress.Loopback, null);
    }
}
