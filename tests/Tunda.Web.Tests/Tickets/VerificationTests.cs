using System.Net;
using Tunda.Domain.Staff;
using Tunda.Domain.Tickets;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Contacts;
using Tunda.Web.Tests.Accounts.Profile;
using Tunda.Web.Tests.Accounts.Staff;
using static Tunda.Web.Tests.Tickets.MailedTickets;

namespace Tunda.Web.Tests.Tickets;

/// <summary>The verification queue: a held mail reaches a customer only when staff say how they checked its sender.</summary>
public sealed class VerificationTests
{
    [Fact]
    public async Task an_unknown_sender_is_held_without_answer_until_staff_verify_and_then_the_customer_sees_the_ticket()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        using var mario = await app.SignInAsync("mario@example.it");
        await app.DeliverAsync(Written("Mario Rossi <mario.rossi@gmail.example>", "Rinnovo dominio", "Scrivo dal mio indirizzo personale: rinnovate rossi.it per favore."));
        var held = (await app.ThreadsAsync()).Single();
        app.Mail.Received.ShouldBeEmpty();
        var (agent, _, _) = await StaffKit.SignedInAsync(app, "chiara@tunda.it", StaffRoles.Support);
        await app.ListsCaughtUpAsync();
        (await (await agent.GetAsync(new Uri("/staff/ticket?coda=verifica", UriKind.Relative))).Content.ReadAsStringAsync()).ShouldContain(held.Number);
        (await (await mario.GetAsync(new Uri("/api/tickets", UriKind.Relative))).JsonAsync()).GetArrayLength().ShouldBe(0);
        (await mario.GetAsync(new Uri("/api/tickets/" + held.Number, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = "/staff/ticket/" + held.Number;

        var noNote = await agent.PostFormAsync(page, [new("Verification.CustomerId", customer.ToString()), new("Verification.Note", " ")], page + "?handler=Verify");
        noNote.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noNote.Content.ReadAsStringAsync()).ShouldContain("Scrivi come hai verificato il mittente");
        var verified = await app.AfterMessagesAsync(() => agent.PostFormAsync(page,
            [new("Verification.CustomerId", customer.ToString()), new("Verification.Note", "Richiamato al numero in anagrafica, confermato."), new("Verification.AddAsContact", "true")],
            page + "?handler=Verify"));

        verified.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ticket = (await app.ThreadsAsync()).Single();
        ticket.CustomerId.ShouldBe(customer);
        ticket.State.Status.ShouldBe(TicketStatus.AwaitingStaff);
        ticket.Entries.ShouldContain(e => e.Change == "ticket_sender_verified" && e.Detail == "Richiamato al numero in anagrafica, confermato.");
        await app.ListsCaughtUpAsync();
        (await (await mario.GetAsync(new Uri("/api/tickets", UriKind.Relative))).JsonAsync())[0].GetProperty("number").GetString().ShouldBe(held.Number);
        app.Mail.Received.ShouldContain(m => m.Recipients.Contains("mario.rossi@gmail.example"), "the invitation to become a contact");
    }

    [Fact]
    public async Task staff_reject_an_impersonation_and_it_never_reaches_a_customer()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        await app.DeliverAsync(Written("\"mario@example.it\" <ladro@altrove.it>", "Cambio e-mail", "Cambiate l'e-mail di accesso in ladro@altrove.it"));
        var held = (await app.ThreadsAsync()).Single();
        var (agent, _, _) = await StaffKit.SignedInAsync(app, "chiara@tunda.it", StaffRoles.Support);
        var page = "/staff/ticket/" + held.Number;

        var rejected = await agent.PostFormAsync(page, [new("Verification.Reason", "impersonation"), new("Verification.Note", "Il cliente non l'ha mai scritta")], page + "?handler=Reject");

        rejected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ticket = (await app.ThreadsAsync()).Single();
        ticket.State.Status.ShouldBe(TicketStatus.Rejected);
        ticket.CustomerId.ShouldBeNull();
        var reply = await agent.PostFormAsync(page, [new("Input.Text", "Fatto"), new("Input.SeenRevision", ticket.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture))], page + "?handler=Reply");
        reply.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task a_forgotten_username_request_becomes_a_held_ticket_in_administration_unless_the_address_is_a_tickets_contact()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        using var visitor = app.Client();

        (await visitor.PostJsonAsync("/api/username/recover", new { name = "Mario Rossi", claimedEmail = "vecchio@example.it", contactEmail = "nuovo@example.org", message = "Ho perso la vecchia casella." }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await visitor.PostJsonAsync("/api/username/recover", new { name = "Mario Rossi", claimedEmail = "vecchio@example.it", contactEmail = "mario@example.it", message = "Chiedo per un collega." }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var tickets = await app.ThreadsAsync();
        tickets.Count.ShouldBe(2);
        tickets.ShouldAllBe(t => t.State.Department == "administration" && t.State.Subject.StartsWith("Recupero nome utente UR-"));
        tickets[0].State.Status.ShouldBe(TicketStatus.Held);
        tickets[0].State.HeldReason!.ShouldContain("not registered");
        tickets[0].Entries.First(e => e.Post is not null).Post!.Text.ShouldContain("vecchio@example.it");
        tickets[1].State.Status.ShouldBe(TicketStatus.AwaitingStaff);
        tickets[1].CustomerId.ShouldNotBeNull();
    }
}
