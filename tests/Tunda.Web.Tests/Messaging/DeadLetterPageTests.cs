using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Tunda.Domain.Staff;
using Tunda.Web.Features.Email;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Staff;

namespace Tunda.Web.Tests.Messaging;

public sealed class DeadLetterPageTests
{
    private const string Page = "/staff/messaggi-falliti";

    [Fact]
    public async Task a_mail_refused_for_good_degrades_health_is_listed_for_administrators_and_once_replayed_after_the_fix_is_sent_and_health_recovers()
    {
        var log = new LogCapture(LogLevel.Information);
        await using var app = await AccountsApp.StartAsync(configure: builder => builder.ConfigureLogging(logging => logging.AddProvider(log)));
        app.Mail.Fail("RCPT", "550 5.1.1 Casella inesistente");
        var mail = EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues(), to: "nuovo.cliente@example.it");
        await app.App.TrackFailuresAsync(bus => bus.PublishAsync(mail));
        var id = (await app.App.DeadLettersAsync()).ShouldHaveSingleItem().Id;
        (await StatusAsync(app)).ShouldBe(("degraded", "degraded"));
        var (admin, member, _) = await StaffKit.SignedInAsync(app, "amministratore@tunda.it", StaffRoles.Administrator);

        (await admin.GetStringAsync(new Uri("/staff", UriKind.Relative))).ShouldContain($"href=\"{Page}\"");
        var listed = await TextOfAsync(admin, Page);
        listed.ShouldContain("Messaggi falliti");
        listed.ShouldContain("Invio di un'e-mail");
        listed.ShouldContain(SendEmail.Alias);
        listed.ShouldContain("MessageRefusedException");
        listed.ShouldContain("550 5.1.1 Casella inesistente");
        listed.ShouldContain("nuovo.cliente@example.it");
        listed.ShouldNotContain("token=abc123", customMessage: "a link that opens an account is hidden from staff");
        listed.ShouldContain($"\"confirmLink\": \"{Features.Messaging.DeadLetterBody.Hidden}\"");
        listed.ShouldContain($"data-dead-letter=\"{id}\"");

        app.Mail.Recover("RCPT");
        var replay = await admin.PostFormAsync(Page, [new("id", id.ToString())], action: $"{Page}?handler=Replay");

        replay.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sent = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains("nuovo.cliente@example.it"), TimeSpan.FromSeconds(60));
        sent.Header("Message-ID").ShouldBe(await EmailApps.MessageIdFieldAsync(app.App, mail));
        var after = await TextOfAsync(admin, Page);
        after.ShouldContain("è di nuovo in coda");
        after.ShouldNotContain($"data-dead-letter=\"{id}\"");
        await TestMessages.EventuallyAsync(async () => await StatusAsync(app) == ("healthy", "healthy"), "/health is healthy again");
        (await app.App.DeadLettersAsync()).ShouldBeEmpty();
        log.Entries.ShouldContain(e => e.Message == $"Dead letter {id} ({SendEmail.Alias}) replayed by amministratore@tunda.it (staff {member.StaffId})");
    }

    [Fact]
    public async Task discarding_asks_for_confirmation_then_deletes_only_that_dead_letter_and_says_so()
    {
        var log = new LogCapture(LogLevel.Information);
        await using var app = await AccountsApp.StartAsync(configure: builder => builder.ConfigureLogging(logging => logging.AddProvider(log)));
        await app.App.TrackFailuresAsync(async bus =>
        {
            await bus.PublishAsync(MessagesCommandTests.UnknownTemplate());
            await bus.PublishAsync(MessagesCommandTests.UnknownTemplate());
        });
        var letters = await app.App.DeadLettersAsync();
        letters.Count.ShouldBe(2);
        var (doomed, kept) = (letters[0].Id, letters[1].Id);
        var (admin, _, _) = await StaffKit.SignedInAsync(app, "amministratore@tunda.it", StaffRoles.Administrator);

        var confirmation = await TextOfAsync(admin, $"{Page}?elimina={doomed}");
        confirmation.ShouldContain("Eliminare questo messaggio?");
        confirmation.ShouldContain($"«Invio di un'e-mail» ({doomed}) non sarà mai elaborato");
        (await app.App.DeadLettersAsync()).Count.ShouldBe(2, "asking is not deleting");

        var discard = await admin.PostFormAsync($"{Page}?elimina={doomed}", [new("id", doomed.ToString())], action: $"{Page}?handler=Discard");

        discard.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.App.DeadLettersAsync()).ShouldHaveSingleItem().Id.ShouldBe(kept);
        var after = await TextOfAsync(admin, Page);
        after.ShouldContain($"«Invio di un'e-mail» ({doomed}) è stato eliminato.");
        after.ShouldNotContain($"data-dead-letter=\"{doomed}\"");
        after.ShouldContain($"data-dead-letter=\"{kept}\"");
        log.Entries.ShouldContain(e => e.Message.StartsWith($"Dead letter {doomed} ({SendEmail.Alias}, MessageRefusedException) discarded by amministratore@tunda.it", StringComparison.Ordinal));

        var again = await admin.PostFormAsync(Page, [new("id", doomed.ToString())], action: $"{Page}?handler=Discard");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TextOfAsync(admin, Page)).ShouldContain("non è più tra quelli falliti");
        (await app.App.DeadLettersAsync()).ShouldHaveSingleItem().Id.ShouldBe(kept);
    }

    [Fact]
    public async Task support_and_billing_get_403_and_a_customer_is_sent_to_the_staff_sign_in_and_nothing_is_replayed()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.App.TrackFailuresAsync(bus => bus.PublishAsync(MessagesCommandTests.UnknownTemplate()));
        var id = (await app.App.DeadLettersAsync()).ShouldHaveSingleItem().Id;
        await app.SeedCustomerAsync("curioso@example.it");
        using var customer = await app.SignInAsync("curioso@example.it");
        var (support, _, _) = await StaffKit.SignedInAsync(app, "assistenza@tunda.it", StaffRoles.Support);
        var (billing, _, _) = await StaffKit.SignedInAsync(app, "fatture@tunda.it", StaffRoles.Billing);

        var page = await customer.GetAsync(new Uri(Page, UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldStartWith("/staff/accedi");
        foreach (var staff in new[] { support, billing })
        {
            (await staff.GetStringAsync(new Uri("/staff", UriKind.Relative))).ShouldNotContain(Page);
            (await staff.GetAsync(new Uri(Page, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            // A valid antiforgery token from a page they may see: only the role stands in the way.
            foreach (var handler in new[] { "Replay", "Discard" })
            {
                (await staff.PostFormAsync("/staff", [new("id", id.ToString())], action: $"{Page}?handler={handler}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            }
        }

        var letter = (await app.App.DeadLettersAsync()).ShouldHaveSingleItem();
        letter.Id.ShouldBe(id);
        letter.Replayable.ShouldBeFalse();
    }

    private static async Task<string> TextOfAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>What anyone sees at /health: the overall status and the messaging component's.</summary>
    private static async Task<(string Overall, string Messaging)> StatusAsync(AccountsApp app)
    {
        using var json = JsonDocument.Parse(await app.App.CreateClient().GetStringAsync(new Uri("/health", UriKind.Relative)));
        return (json.RootElement.GetProperty("status").GetString()!, json.RootElement.GetProperty("components").GetProperty("messaging").GetString()!);
    }
}
