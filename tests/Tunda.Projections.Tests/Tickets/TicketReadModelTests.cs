using Tunda.Domain.Tickets;
using Tunda.Projections.Tests.Support;
using Tunda.Projections.Tickets;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Tickets;

public sealed class TicketReadModelTests
{
    private static readonly TicketAuthor Mario = new(AuthorKind.Customer, "login", "Mario Rossi", "mario@example.it");
    private static readonly TicketAuthor Chiara = new(AuthorKind.Staff, Guid.NewGuid().ToString(), "Chiara", "chiara@tunda.it");

    private static TicketPost Post(TicketAuthor author, string text) => new(Guid.NewGuid(), author, text);

    private static object[] Opened(Guid id, string number, Guid customer, string department, DateTimeOffset at) =>
    [
        new TicketOpened(id, number, customer, department, "Sito giù " + number, TicketPriority.Normal, TicketChannel.Portal, null, Mario, at),
        new CustomerWrote(id, Post(Mario, "Errore 500"), at),
    ];

    [Fact]
    public async Task the_thread_is_written_with_the_events_and_shows_the_customer_only_public_entries()
    {
        await using var store = await AccountsStore.CreateAsync();
        var id = Guid.NewGuid();
        var customer = Guid.NewGuid();
        var attachment = new TicketAttachment(Guid.NewGuid(), "schermata.png", "image/png", 100, "ab");
        var noteAttachment = new TicketAttachment(Guid.NewGuid(), "log-interno.txt", "text/plain", 10, "cd");
        await store.AppendAsync(id, Opened(id, "TND-7K3QX", customer, "technical", At));
        await store.AppendAsync(id,
            new InternalNoteAdded(id, Post(Chiara, "Server web01 in manutenzione") with { Attachments = [noteAttachment] }, At.AddMinutes(5)),
            new TicketAssigned(id, Guid.Parse(Chiara.Id), "Chiara", Chiara, At.AddMinutes(5)),
            new StaffReplied(id, Post(Chiara, "Risolto") with { Attachments = [attachment] }, At.AddMinutes(10)),
            new TicketClosed(id, Mario, At.AddMinutes(20)));

        var thread = (await store.ReadAsync(s => TicketQueries.ThreadAsync(s, "TND-7K3QX")))!;

        thread.TicketId.ShouldBe(id);
        thread.CustomerId.ShouldBe(customer);
        thread.Revision.ShouldBe(6);
        thread.State.Status.ShouldBe(TicketStatus.Closed);
        thread.State.AssigneeName.ShouldBe("Chiara");
        thread.Entries.Select(e => e.Kind).ShouldBe(["customer", "note", "change", "staff", "change"]);
        thread.Entries.Where(e => e.IsPublic).Select(e => e.Post?.Text ?? e.Change).ShouldBe(["Errore 500", "Risolto", "ticket_closed"]);
        thread.Attachment(attachment.Id, staff: false).ShouldBe(attachment);
        thread.Attachment(noteAttachment.Id, staff: false).ShouldBeNull();
        thread.Attachment(noteAttachment.Id, staff: true).ShouldBe(noteAttachment);
    }

    [Fact]
    public async Task two_tickets_never_share_a_number()
    {
        await using var store = await AccountsStore.CreateAsync();
        await store.AppendAsync(Guid.NewGuid(), Opened(Guid.NewGuid(), "TND-7K3QX", Guid.NewGuid(), "technical", At));

        var second = Guid.NewGuid();
        await Should.ThrowAsync<Exception>(() => store.AppendAsync(second, Opened(second, "TND-7K3QX", Guid.NewGuid(), "sales", At)));
    }

    [Fact]
    public async Task the_inbox_filters_sorts_counts_and_lists_a_customers_tickets()
    {
        await using var store = await AccountsStore.CreateAsync();
        var mario = Guid.NewGuid();
        var other = Guid.NewGuid();
        var chiara = Guid.Parse(Chiara.Id);
        var (waitingLong, waitingShort, answered, closed, held) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await store.AppendAsync(waitingLong, Opened(waitingLong, "TND-AAAAA", mario, "technical", At));
        await store.AppendAsync(waitingShort, Opened(waitingShort, "TND-BBBBB", other, "sales", At.AddHours(1)));
        await store.AppendAsync(waitingLong, new CustomerWrote(waitingLong, Post(Mario, "ancora?"), At.AddHours(2)));
        await store.AppendAsync(answered, [.. Opened(answered, "TND-CCCCC", mario, "administration", At), new TicketAssigned(answered, chiara, "Chiara", Chiara, At),
            new StaffReplied(answered, Post(Chiara, "Fatto"), At.AddHours(3))]);
        await store.AppendAsync(closed, [.. Opened(closed, "TND-DDDDD", mario, "technical", At), new TicketClosed(closed, Mario, At.AddHours(4))]);
        await store.AppendAsync(held, new TicketOpened(held, "TND-EEEEE", null, "technical", "Password", TicketPriority.Normal, TicketChannel.Email, null, Mario, At),
            new TicketHeldForVerification(held, "unregistered sender", At), new CustomerWrote(held, Post(Mario, "x"), At));
        await store.RebuildAsync(nameof(TicketInboxRow));

        var byActivity = await store.ReadAsync(s => TicketQueries.InboxAsync(s, new InboxFilter(), 1, 10));
        byActivity.Rows.Select(r => r.Number).ShouldBe(["TND-CCCCC", "TND-AAAAA", "TND-BBBBB"]);
        byActivity.HasNext.ShouldBeFalse();
        var byWait = await store.ReadAsync(s => TicketQueries.InboxAsync(s, new InboxFilter { Status = TicketStatus.AwaitingStaff, ByWaitingTime = true }, 1, 10));
        byWait.Rows.Select(r => r.Number).ShouldBe(["TND-AAAAA", "TND-BBBBB"]);
        (await store.ReadAsync(s => TicketQueries.InboxAsync(s, new InboxFilter { UnassignedOnly = true, Department = "sales" }, 1, 10))).Rows.Select(r => r.Number).ShouldBe(["TND-BBBBB"]);
        (await store.ReadAsync(s => TicketQueries.InboxAsync(s, new InboxFilter { AssigneeId = chiara }, 1, 10))).Rows.Select(r => r.Number).ShouldBe(["TND-CCCCC"]);
        (await store.ReadAsync(s => TicketQueries.InboxAsync(s, new InboxFilter { Status = TicketStatus.Held }, 1, 10))).Rows.Single().HeldReason.ShouldBe("unregistered sender");
        var page2 = await store.ReadAsync(s => TicketQueries.InboxAsync(s, new InboxFilter(), 2, 2));
        page2.Rows.Select(r => r.Number).ShouldBe(["TND-BBBBB"]);
        page2.HasNext.ShouldBeFalse();
        (await store.ReadAsync(s => TicketQueries.InboxAsync(s, new InboxFilter(), 1, 2))).HasNext.ShouldBeTrue();

        (await store.ReadAsync(s => TicketQueries.CountsAsync(s, chiara))).ShouldBe(new QueueCounts(AwaitingStaff: 2, AwaitingCustomer: 1, Open: 3, Unassigned: 2, Held: 1, Mine: 1));

        var marios = await store.ReadAsync(s => TicketQueries.ForCustomerAsync(s, mario, null, null, 1, 10));
        marios.Select(r => r.Number).ShouldBe(["TND-DDDDD", "TND-CCCCC", "TND-AAAAA"]);
        (await store.ReadAsync(s => TicketQueries.ForCustomerAsync(s, mario, TicketStatus.Closed, null, 1, 10))).Select(r => r.Number).ShouldBe(["TND-DDDDD"]);
        (await store.ReadAsync(s => TicketQueries.ForCustomerAsync(s, mario, null, "administration", 1, 10))).Select(r => r.Number).ShouldBe(["TND-CCCCC"]);
        (await store.ReadAsync(s => TicketQueries.CustomerCountsAsync(s, mario))).ShouldBe(new CustomerTicketCounts(Open: 2, AwaitingCustomer: 1));
    }

    [Fact]
    public async Task staff_search_subjects_and_messages_in_italian_and_english()
    {
        await using var store = await AccountsStore.CreateAsync();
        var (invoice, mail, english) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var customer = Guid.NewGuid();
        await store.AppendAsync(invoice, Opened(invoice, "TND-AAAAA", customer, "administration", At));
        await store.AppendAsync(invoice, new CustomerWrote(invoice, Post(Mario, "La fattura di novembre riporta un importo sbagliato"), At.AddHours(1)));
        await store.AppendAsync(mail, Opened(mail, "TND-BBBBB", customer, "technical", At));
        await store.AppendAsync(mail, new StaffReplied(mail, Post(Chiara, "Abbiamo svuotato le caselle di posta piene"), At.AddHours(2)));
        await store.AppendAsync(english, Opened(english, "TND-CCCCC", customer, "sales", At));
        await store.AppendAsync(english, new CustomerWrote(english, Post(Mario, "Could you send the invoices for last year?"), At.AddHours(3)));
        await store.RebuildAsync(nameof(TicketInboxRow));

        (await store.ReadAsync(s => TicketQueries.SearchAsync(s, "fatture", 20))).Select(r => r.Number).ShouldBe(["TND-AAAAA"]);
        (await store.ReadAsync(s => TicketQueries.SearchAsync(s, "casella", 20))).Select(r => r.Number).ShouldBe(["TND-BBBBB"]);
        (await store.ReadAsync(s => TicketQueries.SearchAsync(s, "invoice", 20))).Select(r => r.Number).ShouldBe(["TND-CCCCC"]);
        (await store.ReadAsync(s => TicketQueries.SearchAsync(s, "fatture casella", 20))).ShouldBeEmpty();
        (await store.ReadAsync(s => TicketQueries.SearchAsync(s, "fatture OR casella", 20))).Select(r => r.Number).ShouldBe(["TND-BBBBB", "TND-AAAAA"]);
        (await store.ReadAsync(s => TicketQueries.SearchAsync(s, "sito", 20))).Count.ShouldBe(3);
    }

    [Fact]
    public async Task first_response_and_resolution_times_are_summed_up_per_department()
    {
        await using var store = await AccountsStore.CreateAsync();
        var customer = Guid.NewGuid();
        var (fast, slow, open) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await store.AppendAsync(fast, [.. Opened(fast, "TND-AAAAA", customer, "technical", At), new StaffReplied(fast, Post(Chiara, "ok"), At.AddHours(1)), new TicketClosed(fast, Mario, At.AddHours(5))]);
        await store.AppendAsync(slow, [.. Opened(slow, "TND-BBBBB", customer, "technical", At), new StaffReplied(slow, Post(Chiara, "ok"), At.AddHours(3))]);
        await store.AppendAsync(open, Opened(open, "TND-CCCCC", customer, "sales", At));
        await store.RebuildAsync(nameof(TicketInboxRow));

        var times = await store.ReadAsync(s => TicketQueries.TimesAsync(s, At.AddDays(-1)));

        times.ShouldBe([
            new DepartmentTimes("sales", 1, 0, null, null, 0, null),
            new DepartmentTimes("technical", 2, 2, 2.0, 2.8, 1, 5.0),
        ]);
        (await store.ReadAsync(s => TicketQueries.TimesAsync(s, At.AddDays(1)))).ShouldBeEmpty();
    }
}
