using System.Net;
using System.Net.Http.Json;
using static Tunda.Web.Tests.Accounts.Registration.RegistrationSteps;

namespace Tunda.Web.Tests.Accounts.Registration;

public sealed class ConfirmationResendTests
{
    [Fact]
    public async Task a_lost_confirmation_mail_is_sent_again_with_a_new_link_and_the_answer_never_tells_who_is_registered()
    {
        await using var app = await StartAsync();
        using var client = app.Client("it");
        (await RegisterAsync(client, Person("persa@example.it"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var first = ConfirmToken(await app.MailToAsync("persa@example.it", "/conferma-email?token="));
        await app.RegisterConfirmedAsync("confermata@example.it");
        var mailsBefore = app.Mail.Received.Count;

        var (unknown, confirmed, waiting, api) = await app.AfterMessagesAsync(async () => (
            await client.PostFormAsync("/conferma-email/nuovo-link", [new("Input.Email", "nessuno@example.it")]),
            await client.PostFormAsync("/conferma-email/nuovo-link", [new("Input.Email", "confermata@example.it")]),
            await client.PostFormAsync("/conferma-email/nuovo-link", [new("Input.Email", "Persa@Example.it")]),
            await client.PostAsJsonAsync("/api/customers/confirm-email/resend", new { email = "nessuno@example.it" })));

        new[] { unknown, confirmed, waiting }.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() == "/conferma-email/nuovo-link?inviato=1");
        api.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var sent = app.Mail.Received.Skip(mailsBefore).ToList();
        sent.ShouldHaveSingleItem().Recipients.ShouldBe(["persa@example.it"]);
        var second = ConfirmToken(Decoded(sent[0]));
        second.ShouldNotBe(first);
        (await client.PostAsJsonAsync("/api/customers/confirm-email", new { token = first })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await client.PostAsJsonAsync("/api/customers/confirm-email", new { token = second })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_malformed_address_gets_a_clear_error_in_the_users_language()
    {
        await using var app = await StartAsync();
        using var client = app.Client("en");

        var page = await client.PostFormAsync("/conferma-email/nuovo-link", [new("Input.Email", "not-an-address")]);
        var api = await client.PostAsJsonAsync("/api/customers/confirm-email/resend", new { email = "not-an-address" });

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Enter a valid e-mail address.");
        api.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await api.Content.ReadAsStringAsync()).ShouldContain("register.resend.invalid_email");
    }
}
