using System.Net;
using Tunda.Domain.Logins;

namespace Tunda.Web.Tests.Accounts.Profile;

public sealed class UsernameRecoveryTests
{
    [Fact]
    public async Task a_lost_mailbox_request_is_recorded_and_acknowledged_at_the_reachable_address_only()
    {
        await using var app = await AccountsApp.StartAsync();
        using var client = app.Client();
        (await client.GetHtmlAsync("/username-dimenticato")).ShouldContain("nome utente è l'indirizzo e-mail");

        var invalid = await (await client.PostFormAsync("/username-dimenticato", [new("Input.Name", ""), new("Input.ClaimedEmail", "vecchio@example.it"), new("Input.ContactEmail", "non-valido"), new("Input.Message", "")])).HtmlAsync();
        var sent = await (await client.PostFormAsync("/username-dimenticato",
        [
            new("Input.Name", "Mario Rossi"), new("Input.CompanyOrCodiceFiscale", "RSSMRA80A01H501U"), new("Input.ClaimedEmail", "vecchio@example.it"),
            new("Input.ContactEmail", "raggiungibile@example.org"), new("Input.Message", "Ho perso la casella della vecchia azienda."),
        ])).HtmlAsync();
        var api = await client.PostJsonAsync("/api/username/recover", new { name = "Mario Rossi", claimedEmail = "vecchio@example.it", contactEmail = "raggiungibile@example.org", message = "Di nuovo." });

        invalid.ShouldContain("id=\"Input_ContactEmail-error\"");
        invalid.ShouldNotContain("Richiesta ricevuta");
        sent.ShouldContain("Richiesta ricevuta con riferimento UR-");
        api.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var mail = await app.WaitForMailAsync("raggiungibile@example.org");
        mail.ShouldContain("UR-");
        app.MailsTo("vecchio@example.it").ShouldBe(0);
        await using var count = app.Get<Npgsql.NpgsqlDataSource>().CreateCommand($"SELECT count(*) FROM {app.Schema}.mt_events WHERE type = 'username_recovery_requested'");
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(2);
    }
}
