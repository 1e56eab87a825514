using Tunda.Domain.Customers;
using Tunda.Web.Tests.Accounts;
using static Tunda.Web.Tests.Tickets.MailedTickets;

namespace Tunda.Web.Tests.Tickets;

/// <summary>A conversation by mail end to end: acknowledgement, the agent's reply with threading headers, the customer's quoted answer, a bounce.</summary>
public sealed class MailThreadTests
{
    [Fact]
    public async Task mail_ticket_reply_and_quoted_answer_stay_one_conversation_and_a_bounce_marks_the_address()
    {
        await using var app = await AccountsApp.StartAsync();
        var customer = await app.SeedCustomerAsync("mario@example.it");
        await app.SeedContactAsync(customer, "tecnico@example.it", Permissions.Tickets, Notifications.Support, name: "Paolo Tecnico");
        var chiara = await app.SeedStaffAsync();

        await app.DeliverAsync(Written("Paolo Tecnico <tecnico@example.it>", "Backup non completato", "Il backup notturno di rossi.it non si completa da due giorni.", messageId: "prima@mail.example.it"));
        var ticket = (await app.ThreadsAsync()).Single();
        var ack = app.Mail.Received.Single();
        ack.Header("From")!.ShouldContain(Assistenza);
        ack.Header("Auto-Submitted").ShouldBe("auto-replied");
        ack.Header("In-Reply-To").ShouldBe("<prima@mail.example.it>");
        ack.Header("Message-ID")!.ShouldContain(ticket.Number);

        await app.AfterMessagesAsync(() => app.StaffReplyAsync(chiara, ticket.TicketId, "Abbiamo liberato spazio sul server di backup: stanotte dovrebbe completarsi."));
        var replies = app.Mail.Received.Where(m => m.TextBody().Contains("liberato spazio", StringComparison.Ordinal)).ToList();
        replies.SelectMany(r => r.Recipients).Order().ShouldBe(["mario@example.it", "tecnico@example.it"]);
        var reply = replies.Single(r => r.Recipients.Contains("tecnico@example.it"));
        reply.Header("From")!.ShouldContain(Assistenza);
        reply.Header("In-Reply-To").ShouldBe("<prima@mail.example.it>");
        reply.Header("References")!.ShouldContain("<prima@mail.example.it>");
        reply.Header("Auto-Submitted").ShouldBeNull();
        reply.TextBody().ShouldStartWith("##- Scrivi sopra questa riga");
        var replyId = reply.Header("Message-ID")!.Trim('<', '>');

        var quoted = string.Join("\r\n", reply.TextBody().Split("\r\n").Select(l => "> " + l));
        await app.DeliverAsync(Written("Paolo Tecnico <tecnico@example.it>", "Re: risposta", $"Confermo, stanotte è andato a buon fine.\r\n\r\n{quoted}", inReplyTo: replyId));
        var bounce = Bounce(replyId, "mario@example.it");
        await app.DeliverAsync(bounce);

        var after = (await app.ThreadsAsync()).ShouldHaveSingleItem();
        var posts = after.Entries.Where(e => e.Post is not null).ToList();
        posts.Count.ShouldBe(3);
        posts[2].Post!.Text.ShouldBe("Confermo, stanotte è andato a buon fine.");
        posts[2].Post!.QuotedText!.ShouldContain("liberato spazio");
        after.State.FailingAddresses.ShouldBe(["mario@example.it"]);
        after.Entries.ShouldContain(e => e.Change == "ticket_delivery_failed");
    }

    [Fact]
    public async Task an_in_reply_to_that_copies_the_shape_of_our_ids_without_the_key_is_not_a_follow_up()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.SeedCustomerAsync("mario@example.it");
        await app.SeedCustomerAsync("anna@example.it", firstName: "Anna", lastName: "Verdi");
        await app.DeliverAsync(Written("Mario Rossi <mario@example.it>", "Dominio", "Il dominio rossi.it scade a gennaio: rinnovatelo."));
        var number = (await app.ThreadsAsync()).Single().Number;

        await app.DeliverAsync(Written("Anna Verdi <anna@example.it>", "Re: Dominio", "Trasferite il dominio a me.", inReplyTo: $"{number}.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef@tunda.localhost"));

        (await app.ThreadsAsync()).Count.ShouldBe(2);
    }

    private static byte[] Bounce(string originalMessageId, string recipient) => System.Text.Encoding.UTF8.GetBytes($"""
        From: Mail Delivery System <MAILER-DAEMON@mx.example.it>
        To: {Assistenza}
        Subject: Undelivered Mail Returned to Sender
        Date: Tue, 08 Dec 2026 10:00:00 +0100
        Message-ID: <bounce-{Guid.NewGuid():N}@mx.example.it>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        Your message could not be delivered.

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.it

        Final-Recipient: rfc822; {recipient}
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable

        --b
        Content-Type: text/rfc822-headers

        From: {Assistenza}
        To: {recipient}
        Message-ID: <{originalMessageId}>
        Subject: reply

        --b--
        """.ReplaceLineEndings("\r\n"));
}
