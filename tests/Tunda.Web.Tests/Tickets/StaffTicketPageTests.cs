using System.Net;
using System.Net.Http.Json;
using Tunda.Domain.Staff;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Staff;

namespace Tunda.Web.Tests.Tickets;

/// <summary>The back-office inbox and ticket page: agents work tickets, auditors only read, customers never reach them.</summary>
public sealed class StaffTicketPageTests
{
    [Fact]
    public async Task an_agent_finds_the_ticket_in_the_inbox_replies_assigns_and_the_customer_sees_the_reply()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");
        var number = await mario.OpenTicketAsync();
        var (agent, member, _) = await StaffKit.SignedInAsync(app, "chiara@tunda.it", StaffRoles.Support);
        await app.ListsCaughtUpAsync();

        var inbox = await (await agent.GetAsync(new Uri("/staff/ticket?coda=attesa", UriKind.Relative))).Content.ReadAsStringAsync();
        inbox.ShouldContain($"data-ticket=\"{number}\"");
        inbox.ShouldContain("Da rispondere (1)");

        var page = "/staff/ticket/" + number;
        var canned = await (await agent.GetAsync(new Uri(page + "?modello=dettagli", UriKind.Relative))).Content.ReadAsStringAsync();
        canned.ShouldContain("Gentile Mario Rossi,", customMessage: "the canned reply fills the box with the requester's name");
        var html = await (await agent.GetAsync(new Uri(page, UriKind.Relative))).Content.ReadAsStringAsync();
        var revision = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.SeenRevision\" value=\"(\\d+)\"").Groups[1].Value;
        var replied = await agent.PostFormAsync(page, [new("Input.Text", "Il server è di nuovo raggiungibile."), new("Input.SeenRevision", revision)], page + "?handler=Reply");
        replied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var assigned = await agent.PostFormAsync(page, [new("Handling.Department", "technical"), new("Handling.Priority", "High"), new("Handling.Assignee", member.StaffId.ToString())], page + "?handler=Handling");
        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await app.ListsCaughtUpAsync();
        var times = await (await agent.GetAsync(new Uri("/staff/ticket/tempi?giorni=7", UriKind.Relative))).Content.ReadAsStringAsync();
        times.ShouldContain("data-department=\"technical\"");
        var found = await (await agent.GetAsync(new Uri("/staff/ticket?q=raggiungibili", UriKind.Relative))).Content.ReadAsStringAsync();
        found.ShouldContain($"data-ticket=\"{number}\"", customMessage: "Italian stemming finds the reply's \"raggiungibile\"");
        var after = await (await agent.GetAsync(new Uri(page, UriKind.Relative))).Content.ReadAsStringAsync();
        after.ShouldContain("Alta");
        after.ShouldContain("ticket_assigned");
        (await mario.PostAsJsonAsync(new Uri($"/api/tickets/{number}/replies", UriKind.Relative), new { text = "Funziona, grazie!" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Mail.WaitForMessageAsync(m => m.TextBody().Contains("Funziona, grazie!", StringComparison.Ordinal), TimeSpan.FromSeconds(30)))
            .Recipients.ShouldBe(["chiara@tunda.it"], "the agent who has the ticket hears of the answer");
        var customerView = await mario.TicketAsync(number);
        customerView.GetProperty("status").GetString().ShouldBe("AwaitingStaff");
        customerView.GetProperty("messages")[1].GetProperty("text").GetString().ShouldBe("Il server è di nuovo raggiungibile.");
    }

    [Fact]
    public async Task a_reply_on_a_ticket_that_changed_since_the_agent_opened_it_asks_for_confirmation_and_keeps_the_text()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");
        var number = await mario.OpenTicketAsync();
        var (agent, _, _) = await StaffKit.SignedInAsync(app, "chiara@tunda.it", StaffRoles.Support);
        var page = "/staff/ticket/" + number;

        (await mario.PostAsJsonAsync(new Uri($"/api/tickets/{number}/replies", UriKind.Relative), new { text = "Nel frattempo si è risolto da solo." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await agent.PostFormAsync(page, [new("Input.Text", "Riavvio il server."), new("Input.SeenRevision", "2")], page + "?handler=Reply");

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await stale.Content.ReadAsStringAsync();
        html.ShouldContain("cambiato da quando");
        html.ShouldContain("Riavvio il server.");
        html.ShouldContain("Nel frattempo si");
        var confirmed = await agent.PostFormAsync(page, [new("Input.Text", "Riavvio il server."), new("Input.SeenRevision", "2"), new("Input.Confirmed", "true")], page + "?handler=Reply");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task an_auditor_reads_tickets_but_cannot_act_and_customers_never_reach_the_back_office()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");
        var number = await mario.OpenTicketAsync();
        var (auditor, _, _) = await StaffKit.SignedInAsync(app, "revisore@tunda.it", StaffRoles.Auditor);
        var page = "/staff/ticket/" + number;

        var view = await auditor.GetAsync(new Uri(page, UriKind.Relative));
        view.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await view.Content.ReadAsStringAsync()).ShouldNotContain("id=\"staff-reply\"");
        var token = Forms.AntiforgeryToken(await (await auditor.GetAsync(new Uri("/staff/ticket", UriKind.Relative))).Content.ReadAsStringAsync());
        var refused = await auditor.PostAsync(new Uri(page + "?handler=Close", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token ?? "")]));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await mario.TicketAsync(number)).GetProperty("status").GetString().ShouldBe("AwaitingStaff");

        foreach (var path in new[] { "/staff/ticket", page })
        {
            (await mario.GetAsync(new Uri(path, UriKind.Relative))).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task an_agent_sees_our_mail_servers_verdict_and_downloads_the_original_message()
    {
        await using var app = await AccountsApp.StartAsync(new Dictionary<string, string?> { ["Tunda:Inbound:TrustedAuthServId"] = "mx.tunda.test" });
        await app.SeedCustomerAsync("mario@example.it");
        var raw = MailedTickets.Written("Mario Rossi <mario@example.it>", "Certificato scaduto", "Il certificato di rossi.it è scaduto ieri.",
            extraHeaders: ["Authentication-Results: mx.tunda.test; spf=pass smtp.mailfrom=example.it; dkim=pass header.d=example.it; dmarc=pass header.from=example.it"]);
        await app.DeliverAsync(raw);
        var number = (await app.ThreadsAsync()).Single().Number;
        var (agent, _, _) = await StaffKit.SignedInAsync(app, "chiara@tunda.it", StaffRoles.Support);

        var html = await (await agent.GetAsync(new Uri("/staff/ticket/" + number, UriKind.Relative))).Content.ReadAsStringAsync();

        html.ShouldContain("SPF pass, DKIM pass, DMARC pass");
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/staff/ticket/[^\"]+handler=Eml[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var eml = await agent.GetAsync(new Uri(link, UriKind.Relative));
        eml.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await eml.Content.ReadAsByteArrayAsync()).ShouldBe(raw);
        using var mario = await app.SignInAsync("mario@example.it");
        (await mario.GetAsync(new Uri(link, UriKind.Relative))).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task an_agent_merges_the_same_request_sent_twice_and_a_mailed_follow_up_to_the_old_one_lands_in_the_merged_ticket()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        await app.SeedCustomerAsync("anna@example.it", firstName: "Anna", lastName: "Verdi");
        using var mario = await app.SignInAsync("mario@example.it");
        using var anna = await app.SignInAsync("anna@example.it");
        var first = await mario.OpenTicketAsync(subject: "Sito lento");
        var second = await mario.OpenTicketAsync(subject: "Sito lentissimo", text: "Scrivo di nuovo: il sito è ancora lentissimo da stamattina, lo stesso problema.");
        var annas = await anna.OpenTicketAsync();
        var (agent, _, _) = await StaffKit.SignedInAsync(app, "chiara@tunda.it", StaffRoles.Support);

        var refused = await agent.PostFormAsync("/staff/ticket/" + second, [new("MergeTarget", annas)], $"/staff/ticket/{second}?handler=Merge");
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var merged = await agent.PostFormAsync("/staff/ticket/" + second, [new("MergeTarget", first)], $"/staff/ticket/{second}?handler=Merge");
        merged.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var target = await mario.TicketAsync(first);
        target.GetProperty("messages").GetArrayLength().ShouldBe(2);
        (await mario.TicketAsync(second)).GetProperty("status").GetString().ShouldBe("Closed");
        (await (await mario.GetAsync(new Uri("/area-clienti/ticket/" + second, UriKind.Relative))).Content.ReadAsStringAsync()).ShouldContain($"href=\"/area-clienti/ticket/{first}\"");

        await app.DeliverAsync(MailedTickets.Written("Mario Rossi <mario@example.it>", $"Re: [{second}] Sito lentissimo", "Ora va meglio, grazie."));
        (await mario.TicketAsync(first)).GetProperty("messages").GetArrayLength().ShouldBe(3);
    }
}
