using System.Net;
using Tunda.Domain.Customers;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Tests.Accounts.Profile;

public sealed class LoginEmailChangeTests
{
    [Fact]
    public async Task the_login_moves_to_the_confirmed_address_with_its_reservation_and_the_old_address_is_told()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        using var client = await app.SignInAsync("mario@example.it");

        var wrongPassword = await (await client.PostFormAsync("/profilo/email", [new("Input.NewEmail", "mario.nuovo@example.it"), new("Input.Password", "sbagliata-123!")])).HtmlAsync();
        var asked = await (await client.PostFormAsync("/profilo/email", [new("Input.NewEmail", "mario.nuovo@example.it"), new("Input.Password", AccountsApp.Password)])).HtmlAsync();
        var (link, token) = ProfileTestKit.LinkIn(await app.WaitForMailAsync("mario.nuovo@example.it"), "/profilo/email/conferma");
        (await PasswordResetTests.SignInAsync(app, "mario@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.SignedIn>();

        using var other = app.Client();
        var page = "/profilo/email/conferma?token=" + Uri.EscapeDataString(token);
        (await other.GetHtmlAsync(page)).ShouldContain("Conferma");
        var confirmed = await (await other.PostFormAsync(page, [new("token", token)])).HtmlAsync();

        wrongPassword.ShouldContain("La password attuale non è corretta");
        asked.ShouldContain("mario.nuovo@example.it");
        link.ShouldStartWith(AccountsApp.PublicBaseUrl + "/profilo/email/conferma?token=");
        confirmed.ShouldContain("ora accedi con mario.nuovo@example.it");
        var notice = await app.WaitForMailAsync("mario@example.it", "mario.nuovo@example.it");
        notice.ShouldContain("mario.nuovo@example.it");
        (await PasswordResetTests.SignInAsync(app, "mario.nuovo@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.SignedIn>();
        (await PasswordResetTests.SignInAsync(app, "mario@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.Failed>();
        (await client.GetAsync(new Uri("/api/profile", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ReservationsAsync(app, customerId)).ShouldBe(["mario.nuovo@example.it"]);
        (await app.StreamAsync(customerId)).Select(e => e.Data).OfType<LoginEmailChanged>().ShouldHaveSingleItem().OldEmail.ShouldBe("mario@example.it");
    }

    [Fact]
    public async Task an_address_another_main_account_holds_is_refused_and_nothing_changes()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        using var client = await app.SignInAsync("mario@example.it");
        var asked = await client.PostJsonAsync("/api/profile/email", new { newEmail = "giulia@example.it", password = AccountsApp.Password });
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var (_, token) = ProfileTestKit.LinkIn(await app.WaitForMailAsync("giulia@example.it"), "/profilo/email/conferma");

        await app.SeedCustomerAsync("giulia@example.it");   // someone else registered it meanwhile
        var confirm = await app.Client().PostJsonAsync("/api/profile/email/confirm", new { token });
        var direct = await client.PostJsonAsync("/api/profile/email", new { newEmail = "giulia@example.it", password = AccountsApp.Password });

        confirm.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await confirm.Content.ReadAsStringAsync()).ShouldContain("profile.email_taken");
        direct.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ReservationsAsync(app, customerId)).ShouldBe(["mario@example.it"]);
        (await PasswordResetTests.SignInAsync(app, "mario@example.it", AccountsApp.Password)).ShouldBeOfType<SignInResult.SignedIn>();
        (await app.StreamAsync(customerId)).Select(e => e.Data).OfType<LoginEmailChanged>().ShouldBeEmpty();
    }

    [Fact]
    public async Task a_contact_cannot_change_the_customers_login_email()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedContactAsync(customerId, "laura@example.it", Permissions.All);
        using var client = await app.SignInAsync("laura@example.it");

        (await client.GetAsync(new Uri("/profilo/email", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync("/api/profile/email", new { newEmail = "laura.nuova@example.it", password = AccountsApp.Password })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<List<string>> ReservationsAsync(AccountsApp app, Guid customerId)
    {
        await using var command = app.Get<Npgsql.NpgsqlDataSource>().CreateCommand($"SELECT email FROM {app.Schema}.main_account_emails WHERE customer_id = $1");
        command.Parameters.AddWithValue(customerId);
        var emails = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            emails.Add(reader.GetString(0));
        }

        return emails;
    }
}
