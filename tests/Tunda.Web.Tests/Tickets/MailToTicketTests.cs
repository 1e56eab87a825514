using Tunda.Domain.Customers;
using Tunda.Domain.Tickets;
using Tunda.Web.Tests.Accounts;
using static Tunda.Web.Tests.Tickets.MailedTickets;

namespace Tunda.Web.Tests.Tickets;

/// <summary>Tickets by e-mail: who gets attached, who is held for verification, and how follow-ups find their ticket.</summary>
public sealed class MailToTicketTests
{
    private static async Task<AccountsApp> StartAsync() =>
        await AccountsApp.StartAsync(new Dictionary<string, string?> { ["Tunda:Inbound:TrustedAuthServId"] = "mx.tunda.test" });

    [Fact]
    public async Task a_registered_contact_mails_support_and_gets_an_attached_ticket_and_an_acknowledgement()
    {
        await using var app = await StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedContactAsync(customer, "tecnico@example.it", Permissions.Tickets, name: "Paolo Tecnico");

        await app.DeliverAsync(Written("Paolo Tecnico <tecnico@example.it>", "Sito lento", "Il sito rossi.it è lentissimo da stamattina.", to: "commerciale@tunda.localhost, " + Assistenza));

        var ticket = (await app.ThreadsAsync()).ShouldHaveSingleItem();
        ticket.CustomerId.ShouldBe(customer);
        ticket.State.Status.ShouldBe(TicketStatus.AwaitingStaff);
        ticket.State.Department.ShouldBe("sales");
        ticket.State.Channel.ShouldBe(TicketChannel.Email);
        ticket.Entries[0].Post!.Text.ShouldBe("Il sito rossi.it è lentissimo da stamattina.");
        var ack = app.Mail.Received.ShouldHaveSingleItem();
        ack.Recipients.ShouldBe(["tecnico@example.it"]);
        ack.Header("Subject")!.ShouldContain($"[{ticket.Number}]");
    }

    [Fact]
    public async Task the_customers_reply_quoting_the_earlier_mail_joins_the_same_ticket_with_the_quote_kept_apart()
    {
        await using var app = await StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", "Posta bloccata", "Non ricevo posta su info@rossi.it.", messageId: "primo@mail.example.it"));
        var number = (await app.ThreadsAsync()).Single().Number;

        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", $"Re: [{number}] Posta bloccata",
            "Aggiungo: anche la webmail non si apre.\r\n\r\nIl giorno lun 7 dic 2026 alle ore 10:15 Assistenza Tunda <assistenza@tunda.localhost> ha scritto:\r\n> Stiamo verificando.", inReplyTo: "altro@altrove.it"));
        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", "ancora", "Terzo messaggio, senza numero nell'oggetto.", inReplyTo: "primo@mail.example.it"));

        var ticket = (await app.ThreadsAsync()).ShouldHaveSingleItem();
        var posts = ticket.Entries.Where(e => e.Post is not null).Select(e => e.Post!).ToList();
        posts.Count.ShouldBe(3);
        posts[1].Text.ShouldBe("Aggiungo: anche la webmail non si apre.");
        posts[1].QuotedText!.ShouldContain("> Stiamo verificando.");
        posts[2].Text.ShouldBe("Terzo messaggio, senza numero nell'oggetto.");
    }

    [Theory]
    [InlineData("Sconosciuto <nessuno@altrove.it>", "", "not registered")]
    [InlineData("\"mario@example.it\" <truffa@altrove.it>", "", "display name")]
    [InlineData("\"Mario <mario@example.it>\" <mario@example.it>", "Sender: truffa@altrove.it", "ambiguous")]
    [InlineData("Mario Rossi <mario@example.it>", "Authentication-Results: mx.tunda.test; spf=fail smtp.mailfrom=example.it; dmarc=fail header.from=example.it", "DMARC")]
    [InlineData("Mario Rossi <mario@example.it>", "List-Id: <offerte.example.it>", "bulk")]
    public async Task mail_from_a_sender_nobody_can_vouch_for_is_held_attached_to_nobody_with_no_answer(string from, string header, string reason)
    {
        await using var app = await StartAsync();
        await app.SeedCustomerAsync("mario@example.it");

        await app.DeliverAsync(Written(from, "Mandatemi la password del pannello", "Ho perso la password, mandatemela qui.", extraHeaders: header.Length > 0 ? [header] : null));

        var ticket = (await app.ThreadsAsync()).ShouldHaveSingleItem();
        ticket.State.Status.ShouldBe(TicketStatus.Held);
        ticket.CustomerId.ShouldBeNull();
        ticket.State.HeldReason!.ShouldContain(reason, Case.Insensitive);
        app.Mail.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_ticket_number_in_the_subject_from_someone_outside_the_ticket_is_held_not_appended()
    {
        await using var app = await StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        await app.SeedCustomerAsync("anna@example.it", firstName: "Anna", lastName: "Verdi");
        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", "Fattura errata", "La fattura 12/2026 ha l'IVA sbagliata."));
        var number = (await app.ThreadsAsync()).Single().Number;

        await app.DeliverAsync(Written("Anna Verdi <anna@example.it>", $"Re: [{number}] Fattura errata", "Mandatemi la fattura corretta a questo indirizzo."));

        var threads = await app.ThreadsAsync();
        threads.Count.ShouldBe(2);
        threads[0].Entries.Count(e => e.Post is not null).ShouldBe(1);
        threads[1].State.Status.ShouldBe(TicketStatus.Held);
        threads[1].State.HeldReason!.ShouldContain(number);
    }

    [Fact]
    public async Task a_forged_in_reply_to_naming_no_mail_of_ours_does_not_make_a_follow_up()
    {
        await using var app = await StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", "Primo", "Primo problema descritto bene."));

        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", "Secondo", "Un altro problema, diverso dal primo.", inReplyTo: "inventato@tunda.localhost"));

        (await app.ThreadsAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task the_same_mail_delivered_twice_makes_one_ticket()
    {
        await using var app = await StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        var mail = Written("Mario Rossi <mario@example.it>", "Doppio", "Arriva due volte dal server di posta.", messageId: "doppio@mail.example.it");

        await app.DeliverAsync(mail);
        await app.DeliverAsync(mail);

        (await app.ThreadsAsync()).ShouldHaveSingleItem().Entries.Count(e => e.Post is not null).ShouldBe(1);
        app.Mail.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_out_of_office_answer_to_a_closed_ticket_is_kept_without_reopening_or_answering()
    {
        await using var app = await StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", "Chiudere", "Potete chiudere il servizio di backup.", messageId: "chiudere@mail.example.it"));
        var ticket = (await app.ThreadsAsync()).Single();
        await app.AppendAsync(ticket.TicketId, new TicketClosed(ticket.TicketId, TicketAuthor.System, DateTimeOffset.UtcNow));
        var sent = app.Mail.Received.Count;

        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", $"Fuori ufficio: [{ticket.Number}] Chiudere", "Sono fuori ufficio fino al 10 gennaio.",
            inReplyTo: "chiudere@mail.example.it", extraHeaders: ["Auto-Submitted: auto-replied"]));

        var after = (await app.ThreadsAsync()).ShouldHaveSingleItem();
        after.State.Status.ShouldBe(TicketStatus.Closed);
        after.Entries.Last(e => e.Post is not null).Kind.ShouldBe("automatic");
        app.Mail.Received.Count.ShouldBe(sent);
    }

    [Fact]
    public async Task a_mail_that_reached_a_department_only_by_bcc_goes_to_it_by_the_envelope_recipient_our_mta_wrote()
    {
        await using var app = await StartAsync();
        await app.SeedCustomerAsync("mario@example.it");

        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", "Fattura", "Vi metto in copia nascosta la richiesta di fattura per il rinnovo.", to: "commercialista@example.it",
            extraHeaders: ["X-Original-To: amministrazione@tunda.localhost", "Delivered-To: amministrazione@tunda.localhost"]));

        (await app.ThreadsAsync()).ShouldHaveSingleItem().State.Department.ShouldBe("administration");
    }
}
