using System.Net;
using System.Net.Http.Json;
using Tunda.Domain.Customers;
using Tunda.Testing;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Contacts;

namespace Tunda.Web.Tests.Tickets;

/// <summary>The customer's tickets through /api/tickets: open, read, list, reply, close, reopen, and nobody else's.</summary>
public sealed class TicketApiTests
{
    [Fact]
    public async Task a_customer_opens_a_ticket_receives_the_acknowledgement_and_finds_it_in_the_list()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");

        var number = await app.AfterMessagesAsync(() => mario.OpenTicketAsync());

        number.ShouldMatch("^TND-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$");
        var ticket = await mario.TicketAsync(number);
        ticket.GetProperty("status").GetString().ShouldBe("AwaitingStaff");
        ticket.GetProperty("department").GetString().ShouldBe("technical");
        ticket.GetProperty("messages")[0].GetProperty("text").GetString()!.ShouldStartWith("Da stamattina");
        var ack = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains("mario@example.it") && m.Header("Subject")!.Contains(number, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        ack.TextBody().ShouldContain("Assistenza tecnica");
        ack.TextBody().ShouldContain($"{AccountsApp.PublicBaseUrl}/area-clienti/ticket/{number}");

        await app.ListsCaughtUpAsync();
        var list = await (await mario.GetAsync(new Uri("/api/tickets", UriKind.Relative))).JsonAsync();
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("number").GetString().ShouldBe(number);
        list[0].GetProperty("subject").GetString().ShouldBe("Il sito non risponde");
    }

    [Fact]
    public async Task a_ticket_without_subject_or_message_or_with_an_unknown_department_is_refused_naming_each_field()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");

        var answer = await mario.PostAsJsonAsync(new Uri("/api/tickets", UriKind.Relative), new { department = "nowhere", subject = " ", text = "" });

        answer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var codes = (await answer.JsonAsync()).GetProperty("codes");
        codes.GetProperty("subject")[0].GetString().ShouldBe("ticket.subject_required");
        codes.GetProperty("text")[0].GetString().ShouldBe("ticket.text_required");
        codes.GetProperty("department")[0].GetString().ShouldBe("ticket.department_required");
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.mt_events WHERE type = 'ticket_opened'")).ShouldBe(0);
    }

    [Fact]
    public async Task another_customer_cannot_read_reply_close_or_download_from_a_ticket_by_its_number()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        await app.SeedCustomerAsync("anna@example.it", firstName: "Anna", lastName: "Verdi");
        using var mario = await app.SignInAsync("mario@example.it");
        using var anna = await app.SignInAsync("anna@example.it");
        var number = await mario.OpenTicketAsync();

        (await anna.GetAsync(new Uri("/api/tickets/" + number, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anna.PostAsJsonAsync(new Uri($"/api/tickets/{number}/replies", UriKind.Relative), new { text = "intrusione" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anna.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/tickets/{number}/close"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anna.GetAsync(new Uri($"/api/tickets/{number}/attachments/{Guid.NewGuid()}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anna.GetAsync(new Uri($"/area-clienti/ticket/{number}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.ListsCaughtUpAsync();
        (await (await anna.GetAsync(new Uri("/api/tickets", UriKind.Relative))).JsonAsync()).GetArrayLength().ShouldBe(0);
        (await mario.TicketAsync(number)).GetProperty("messages").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_contact_without_the_tickets_permission_is_refused_everywhere_and_one_with_it_shares_the_accounts_tickets()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedContactAsync(customer, "laura@example.it", Permissions.Invoices);
        await app.SeedContactAsync(customer, "tecnico@example.it", Permissions.Tickets, name: "Paolo Tecnico");
        using var mario = await app.SignInAsync("mario@example.it");
        using var laura = await app.SignInAsync("laura@example.it");
        using var paolo = await app.SignInAsync("tecnico@example.it");
        var number = await mario.OpenTicketAsync();

        foreach (var path in new[] { "/api/tickets", "/api/tickets/" + number, "/area-clienti/ticket", "/area-clienti/ticket/nuovo", "/area-clienti/ticket/" + number })
        {
            (await laura.GetAsync(new Uri(path, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        }

        (await laura.PostAsJsonAsync(new Uri("/api/tickets", UriKind.Relative), new { department = "technical", subject = "x", text = "y" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var reply = await paolo.PostAsJsonAsync(new Uri($"/api/tickets/{number}/replies", UriKind.Relative), new { text = "Aggiungo: anche il pannello è lento." });
        reply.StatusCode.ShouldBe(HttpStatusCode.OK);
        var messages = (await mario.TicketAsync(number)).GetProperty("messages");
        messages[1].GetProperty("author").GetString().ShouldBe("Paolo Tecnico");
    }

    [Fact]
    public async Task staff_reply_is_mailed_the_customer_answers_closes_and_reopens_within_the_window()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedContactAsync(customer, "laura@example.it", Permissions.Tickets, Notifications.Support);
        await app.SeedContactAsync(customer, "muto@example.it", Permissions.Tickets, Notifications.None, name: "Muto");
        var chiara = await app.SeedStaffAsync();
        using var mario = await app.SignInAsync("mario@example.it");
        var number = await mario.OpenTicketAsync();
        var ticketId = await app.TicketIdAsync(number);

        var replied = await app.AfterMessagesAsync(() => app.StaffReplyAsync(chiara, ticketId, "Abbiamo riavviato il server web: ora risponde."));

        replied.Succeeded.ShouldBeTrue();
        var mails = app.Mail.Received.Where(m => m.TextBody().Contains("Abbiamo riavviato", StringComparison.Ordinal)).ToList();
        mails.SelectMany(m => m.Recipients).Order().ShouldBe(["laura@example.it", "mario@example.it"]);
        mails[0].Header("Subject")!.ShouldContain($"[{number}]");
        (await mario.TicketAsync(number)).GetProperty("status").GetString().ShouldBe("AwaitingCustomer");

        (await mario.PostAsJsonAsync(new Uri($"/api/tickets/{number}/replies", UriKind.Relative), new { text = "Confermo, grazie." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var toSupport = await app.Mail.WaitForMessageAsync(m => m.TextBody().Contains("Confermo, grazie.", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        toSupport.Recipients.ShouldBe(["assistenza@tunda.localhost"], "nobody has the ticket yet: the department's mailbox hears of the answer");
        toSupport.TextBody().ShouldContain($"{AccountsApp.PublicBaseUrl}/staff/ticket/{number}");
        var closed = await mario.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/tickets/{number}/close"));
        (await closed.JsonAsync()).GetProperty("status").GetString().ShouldBe("Closed");
        var again = await mario.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/tickets/{number}/close"));
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.JsonAsync()).GetProperty("code").GetString().ShouldBe("ticket.closed");
        var reopened = await mario.SendAsync(ContactsKit.Json(HttpMethod.Post, $"/api/tickets/{number}/reopen"));
        (await reopened.JsonAsync()).GetProperty("status").GetString().ShouldBe("AwaitingStaff");
    }

    [Fact]
    public async Task two_agents_answering_the_same_version_the_second_is_asked_to_confirm()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        var chiara = await app.SeedStaffAsync();
        var bruno = await app.SeedStaffAsync("Bruno Tecnico", "bruno@tunda.it");
        using var mario = await app.SignInAsync("mario@example.it");
        var number = await mario.OpenTicketAsync();
        var ticketId = await app.TicketIdAsync(number);
        const long seen = 2;   // opened + first message

        (await app.StaffReplyAsync(chiara, ticketId, "Controllo io.", seen)).Succeeded.ShouldBeTrue();
        var second = await app.StaffReplyAsync(bruno, ticketId, "Ci penso io.", seen);
        second.Error!.Code.ShouldBe("ticket.changed_meanwhile");
        (await mario.TicketAsync(number)).GetProperty("messages").GetArrayLength().ShouldBe(2);

        (await app.StaffReplyAsync(bruno, ticketId, "Ci penso io, visto Chiara.", seen, confirmed: true)).Succeeded.ShouldBeTrue();
        (await mario.TicketAsync(number)).GetProperty("messages").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task an_internal_note_is_never_shown_to_the_customer_nor_mailed()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        var chiara = await app.SeedStaffAsync();
        using var mario = await app.SignInAsync("mario@example.it");
        var number = await app.AfterMessagesAsync(() => mario.OpenTicketAsync());
        var before = app.Mail.Received.Count;
        var ticketId = await app.TicketIdAsync(number);

        (await app.AfterMessagesAsync(() => app.StaffReplyAsync(chiara, ticketId, "Cliente moroso, attenzione", internalNote: true))).Succeeded.ShouldBeTrue();

        app.Mail.Received.Count.ShouldBe(before);
        var ticket = await mario.TicketAsync(number);
        ticket.GetProperty("messages").GetArrayLength().ShouldBe(1);
        ticket.ToString().ShouldNotContain("moroso");
    }
}
