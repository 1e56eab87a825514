using Tunda.Domain.Tickets;

namespace Tunda.Domain.Tests.Tickets;

public sealed class TicketTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("7a7f0000-0000-4000-8000-000000000001");
    private static readonly Guid CustomerId = Guid.Parse("7a7f0000-0000-4000-8000-0000000000c1");
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static readonly TicketAuthor Mario = new(AuthorKind.Customer, "login-1", "Mario Rossi", "mario@example.it");
    private static readonly TicketAuthor Sender = new(AuthorKind.EmailSender, "mario@example.it", "Mario Rossi", "Mario@Example.it");
    private static readonly TicketAuthor Chiara = new(AuthorKind.Staff, "staff-1", "Chiara", "chiara@tunda.it");

    internal static Ticket Given(params object[] events) => events.Aggregate(Ticket.Empty, Ticket.Evolve);

    internal static TicketPost Post(TicketAuthor author, string text) => new(Guid.NewGuid(), author, text);

    private static OpenTicket Open(string subject = "Il sito non risponde", string text = "Da stamattina il sito www.rossi.it dà errore 500.") =>
        new(Id, "TND-7K3QX", CustomerId, "technical", subject, TicketPriority.Normal, null, Post(Mario, text));

    private static object[] Opened() => [.. TicketDecider.Decide(Ticket.Empty, Open(), Now).Events];

    [Fact]
    public void a_customer_opens_a_ticket_that_then_waits_for_staff()
    {
        var decision = TicketDecider.Decide(Ticket.Empty, Open(subject: "  Il sito non risponde  "), Now);

        decision.Events.Count.ShouldBe(2);
        var opened = decision.Events[0].ShouldBeOfType<TicketOpened>();
        opened.ShouldBe(new TicketOpened(Id, "TND-7K3QX", CustomerId, "technical", "Il sito non risponde", TicketPriority.Normal, TicketChannel.Portal, null, Mario, Now));
        decision.Events[1].ShouldBeOfType<CustomerWrote>().Post.Text.ShouldStartWith("Da stamattina");

        var state = Given([.. decision.Events]);
        state.Status.ShouldBe(TicketStatus.AwaitingStaff);
        state.WaitingSince.ShouldBe(Now);
        state.Participants.ShouldBe(["mario@example.it"]);
        state.PostCount.ShouldBe(1);
    }

    [Fact]
    public void opening_needs_a_subject_a_department_a_message_and_a_valid_number_all_reported_at_once()
    {
        var command = Open(subject: " ", text: "  ") with { Department = "", Number = "TND-00000" };

        var decision = TicketDecider.Decide(Ticket.Empty, command, Now);

        decision.Errors.Select(e => e.Code).ShouldBe(["ticket.subject_required", "ticket.department_required", "ticket.text_required", "ticket.invalid_number"], ignoreOrder: true);
        decision.Errors.Select(e => e.Field).ShouldContain("subject");
        decision.Errors.Select(e => e.Field).ShouldContain("text");
    }

    [Fact]
    public void an_overlong_subject_or_message_is_refused_not_cut()
    {
        TicketDecider.Decide(Ticket.Empty, Open(subject: new string('a', TicketErrors.MaxSubjectLength + 1)), Now).Error!.Code.ShouldBe("ticket.subject_required");
        TicketDecider.Decide(Ticket.Empty, Open(text: new string('a', TicketErrors.MaxTextLength + 1)), Now).Error!.Code.ShouldBe("ticket.text_required");
    }

    [Fact]
    public void a_message_with_only_an_attachment_is_accepted()
    {
        var post = Post(Mario, "") with { Attachments = [new TicketAttachment(Guid.NewGuid(), "log.txt", "text/plain", 10, new string('a', 64))] };

        TicketDecider.Decide(Ticket.Empty, Open() with { FirstPost = post }, Now).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void a_ticket_is_opened_only_once()
    {
        TicketDecider.Decide(Given(Opened()), Open(), Now).Error.ShouldBe(TicketErrors.AlreadyExists);
    }

    [Fact]
    public void mail_from_a_verified_sender_opens_an_attached_ticket()
    {
        var decision = TicketDecider.Decide(Ticket.Empty, new OpenTicketFromMail(Id, "TND-7K3QX", CustomerId, "sales", "Preventivo", Post(Sender, ""), null), Now);

        var state = Given([.. decision.Events]);
        state.CustomerId.ShouldBe(CustomerId);
        state.Channel.ShouldBe(TicketChannel.Email);
        state.Status.ShouldBe(TicketStatus.AwaitingStaff);
        state.IsParticipant("MARIO@example.it").ShouldBeTrue();
    }

    [Fact]
    public void mail_from_an_unverified_sender_is_held_and_attached_to_nobody()
    {
        var decision = TicketDecider.Decide(Ticket.Empty, new OpenTicketFromMail(Id, "TND-7K3QX", CustomerId, "technical", "Password", Post(Sender, "mandatemi la password"), "unregistered sender"), Now);

        decision.Events.Select(e => e.GetType()).ShouldBe([typeof(TicketOpened), typeof(TicketHeldForVerification), typeof(CustomerWrote)]);
        var state = Given([.. decision.Events]);
        state.CustomerId.ShouldBeNull();
        state.Status.ShouldBe(TicketStatus.Held);
        state.HeldReason.ShouldBe("unregistered sender");
    }

    [Fact]
    public void a_mailed_subject_over_the_limit_is_shortened_never_refused()
    {
        var decision = TicketDecider.Decide(Ticket.Empty, new OpenTicketFromMail(Id, "TND-7K3QX", CustomerId, "sales", new string('x', 500), Post(Sender, ""), null), Now);

        decision.Events.OfType<TicketOpened>().Single().Subject.Length.ShouldBe(TicketErrors.MaxSubjectLength);
    }

    [Fact]
    public void staff_verify_a_held_ticket_with_a_note_and_it_joins_the_customer()
    {
        var held = Given([.. TicketDecider.Decide(Ticket.Empty, new OpenTicketFromMail(Id, "TND-7K3QX", null, "technical", "Aiuto", Post(Sender, "x"), "unregistered sender"), Now).Events]);

        TicketDecider.Decide(held, new VerifyTicketSender(Id, CustomerId, "  ", false, Chiara), Now).Error.ShouldBe(TicketErrors.NoteRequired);
        var verified = TicketDecider.Decide(held, new VerifyTicketSender(Id, CustomerId, "Richiamato al numero in anagrafica", true, Chiara), Now);

        verified.Events.ShouldHaveSingleItem().ShouldBe(new TicketSenderVerified(Id, CustomerId, "Richiamato al numero in anagrafica", true, Chiara, Now));
        var state = held.Evolve(verified.Events.Single());
        state.CustomerId.ShouldBe(CustomerId);
        state.Status.ShouldBe(TicketStatus.AwaitingStaff);
        TicketDecider.Decide(state, new VerifyTicketSender(Id, CustomerId, "again", false, Chiara), Now).Error.ShouldBe(TicketErrors.NotHeld);
    }

    [Fact]
    public void staff_reject_a_held_ticket_and_nobody_can_write_on_it_again()
    {
        var held = Given([.. TicketDecider.Decide(Ticket.Empty, new OpenTicketFromMail(Id, "TND-7K3QX", null, "technical", "Aiuto", Post(Sender, "x"), "display name looks like an address"), Now).Events]);

        var rejected = held.Evolve(TicketDecider.Decide(held, new RejectHeldTicket(Id, "impersonation", "Il cliente dice di non averla mai scritta", Chiara), Now).Events.Single());

        rejected.Status.ShouldBe(TicketStatus.Rejected);
        rejected.CustomerId.ShouldBeNull();
        TicketDecider.Decide(rejected, new AddCustomerPost(Id, Post(Sender, "ancora"), Week), Now).Error.ShouldBe(TicketErrors.Closed);
        TicketDecider.Decide(rejected, new ReplyAsStaff(Id, Post(Chiara, "no")), Now).Error.ShouldBe(TicketErrors.Closed);
    }

    [Fact]
    public void staff_cannot_reply_or_close_while_the_sender_is_unverified_but_can_note()
    {
        var held = Given([.. TicketDecider.Decide(Ticket.Empty, new OpenTicketFromMail(Id, "TND-7K3QX", null, "technical", "Aiuto", Post(Sender, "x"), "unregistered sender"), Now).Events]);

        TicketDecider.Decide(held, new ReplyAsStaff(Id, Post(Chiara, "Ecco i dati riservati")), Now).Error.ShouldBe(TicketErrors.Held);
        TicketDecider.Decide(held, new CloseTicket(Id, Chiara), Now).Error.ShouldBe(TicketErrors.Held);
        TicketDecider.Decide(held, new AddInternalNote(Id, Post(Chiara, "Chiamo il cliente")), Now).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void a_staff_reply_makes_the_ticket_wait_for_the_customer_and_a_customer_reply_back()
    {
        var open = Given(Opened());
        var replied = open.Evolve(TicketDecider.Decide(open, new ReplyAsStaff(Id, Post(Chiara, "  Controllo subito  ")), Now.AddHours(1)).Events.Single());

        replied.Status.ShouldBe(TicketStatus.AwaitingCustomer);
        replied.WaitingSince.ShouldBeNull();
        replied.FirstStaffReplyAt.ShouldBe(Now.AddHours(1));

        var answered = replied.Evolve(TicketDecider.Decide(replied, new AddCustomerPost(Id, Post(Mario, "Grazie"), Week), Now.AddHours(2)).Events.Single());
        answered.Status.ShouldBe(TicketStatus.AwaitingStaff);
        answered.WaitingSince.ShouldBe(Now.AddHours(2));
        answered.FirstStaffReplyAt.ShouldBe(Now.AddHours(1));
        answered.PostCount.ShouldBe(3);
    }

    [Fact]
    public void an_empty_reply_is_refused()
    {
        TicketDecider.Decide(Given(Opened()), new ReplyAsStaff(Id, Post(Chiara, "   ")), Now).Error.ShouldBe(TicketErrors.TextRequired);
        TicketDecider.Decide(Given(Opened()), new AddCustomerPost(Id, Post(Mario, ""), Week), Now).Error.ShouldBe(TicketErrors.TextRequired);
        TicketDecider.Decide(Given(Opened()), new AddInternalNote(Id, Post(Chiara, "")), Now).Error.ShouldBe(TicketErrors.TextRequired);
    }

    [Fact]
    public void an_internal_note_changes_no_status()
    {
        var open = Given(Opened());
        var noted = open.Evolve(TicketDecider.Decide(open, new AddInternalNote(Id, Post(Chiara, "Guardare i log")), Now).Events.Single());

        noted.Status.ShouldBe(TicketStatus.AwaitingStaff);
        noted.WaitingSince.ShouldBe(Now);
    }

    [Fact]
    public void the_customer_closes_and_reopens_within_the_window_but_not_after()
    {
        var open = Given(Opened());
        var closed = open.Evolve(TicketDecider.Decide(open, new CloseTicket(Id, Mario), Now).Events.Single());
        closed.Status.ShouldBe(TicketStatus.Closed);
        TicketDecider.Decide(closed, new CloseTicket(Id, Mario), Now).Error.ShouldBe(TicketErrors.Closed);

        var reopened = TicketDecider.Decide(closed, new ReopenTicket(Id, Mario, Week), Now.AddDays(6));
        closed.Evolve(reopened.Events.Single()).Status.ShouldBe(TicketStatus.AwaitingStaff);
        TicketDecider.Decide(closed, new ReopenTicket(Id, Mario, Week), Now.AddDays(8)).Error.ShouldBe(TicketErrors.ReopenExpired);
        TicketDecider.Decide(closed, new ReopenTicket(Id, Chiara, Week), Now.AddDays(80)).IsAccepted.ShouldBeTrue();
        TicketDecider.Decide(open, new ReopenTicket(Id, Mario, Week), Now).Error.ShouldBe(TicketErrors.NotClosed);
    }

    [Fact]
    public void a_customer_reply_on_a_recently_closed_ticket_reopens_it_and_an_old_one_is_refused()
    {
        var open = Given(Opened());
        var closed = open.Evolve(new TicketClosed(Id, Chiara, Now));

        var recent = TicketDecider.Decide(closed, new AddCustomerPost(Id, Post(Mario, "Di nuovo giù"), Week), Now.AddDays(1));
        recent.Events.Select(e => e.GetType()).ShouldBe([typeof(TicketReopened), typeof(CustomerWrote)]);
        Given([.. Opened(), new TicketClosed(Id, Chiara, Now), .. recent.Events]).Status.ShouldBe(TicketStatus.AwaitingStaff);

        TicketDecider.Decide(closed, new AddCustomerPost(Id, Post(Mario, "Di nuovo giù"), Week), Now.AddDays(30)).Error.ShouldBe(TicketErrors.ReopenExpired);
    }

    [Fact]
    public void an_automatic_reply_is_kept_on_a_closed_ticket_without_reopening_it()
    {
        var closed = Given([.. Opened(), new TicketClosed(Id, Chiara, Now)]);

        var decision = TicketDecider.Decide(closed, new AppendAutomaticReply(Id, Post(Sender, "Sono in ferie"), "out_of_office"), Now.AddDays(40));

        closed.Evolve(decision.Events.Single()).Status.ShouldBe(TicketStatus.Closed);
    }

    [Fact]
    public void staff_set_a_status_by_hand_but_not_closed_held_or_rejected_that_way()
    {
        var open = Given(Opened());

        var changed = TicketDecider.Decide(open, new ChangeTicketStatus(Id, TicketStatus.AwaitingCustomer, Chiara), Now);
        open.Evolve(changed.Events.Single()).Status.ShouldBe(TicketStatus.AwaitingCustomer);
        TicketDecider.Decide(open, new ChangeTicketStatus(Id, TicketStatus.AwaitingStaff, Chiara), Now).Events.ShouldBeEmpty();
        foreach (var status in new[] { TicketStatus.Closed, TicketStatus.Held, TicketStatus.Rejected })
        {
            TicketDecider.Decide(open, new ChangeTicketStatus(Id, status, Chiara), Now).Error.ShouldBe(TicketErrors.InvalidStatus);
        }
    }

    [Fact]
    public void assignment_department_and_priority_change_only_when_they_differ()
    {
        var open = Given(Opened());
        var staffId = Guid.NewGuid();

        var assigned = open.Evolve(TicketDecider.Decide(open, new AssignTicket(Id, staffId, "Chiara", Chiara), Now).Events.Single());
        assigned.AssigneeId.ShouldBe(staffId);
        TicketDecider.Decide(assigned, new AssignTicket(Id, staffId, "Chiara", Chiara), Now).Events.ShouldBeEmpty();
        assigned.Evolve(TicketDecider.Decide(assigned, new AssignTicket(Id, null, null, Chiara), Now).Events.Single().ShouldBeOfType<TicketUnassigned>()).AssigneeId.ShouldBeNull();

        open.Evolve(TicketDecider.Decide(open, new ChangeTicketDepartment(Id, "administration", Chiara), Now).Events.Single()).Department.ShouldBe("administration");
        TicketDecider.Decide(open, new ChangeTicketDepartment(Id, "technical", Chiara), Now).Events.ShouldBeEmpty();
        TicketDecider.Decide(open, new ChangeTicketDepartment(Id, " ", Chiara), Now).Error.ShouldBe(TicketErrors.DepartmentRequired);
        open.Evolve(TicketDecider.Decide(open, new ChangeTicketPriority(Id, TicketPriority.Urgent, Chiara), Now).Events.Single()).Priority.ShouldBe(TicketPriority.Urgent);
    }

    [Fact]
    public void a_bounce_marks_the_address_failing_until_it_writes_again()
    {
        var open = Given(Opened());
        var bounced = open.Evolve(TicketDecider.Decide(open, new RecordDeliveryFailure(Id, "Mario@Example.it", "550 mailbox unavailable", null), Now).Events.Single());
        bounced.FailingAddresses.ShouldBe(["mario@example.it"]);

        bounced.Evolve(new CustomerWrote(Id, Post(Sender, "eccomi"), Now)).FailingAddresses.ShouldBeEmpty();
    }

    [Fact]
    public void every_command_on_a_missing_ticket_is_refused()
    {
        var none = Ticket.Empty;
        TicketDecider.Decide(none, new AddCustomerPost(Id, Post(Mario, "x"), Week), Now).Error.ShouldBe(TicketErrors.NotFound);
        TicketDecider.Decide(none, new ReplyAsStaff(Id, Post(Chiara, "x")), Now).Error.ShouldBe(TicketErrors.NotFound);
        TicketDecider.Decide(none, new CloseTicket(Id, Chiara), Now).Error.ShouldBe(TicketErrors.NotFound);
        TicketDecider.Decide(none, new AssignTicket(Id, null, null, Chiara), Now).Error.ShouldBe(TicketErrors.NotFound);
        TicketDecider.Decide(none, new RecordDeliveryFailure(Id, "a@b.it", "x", null), Now).Error.ShouldBe(TicketErrors.NotFound);
    }

    [Fact]
    public void two_open_tickets_of_one_customer_merge_the_source_closes_and_the_target_takes_its_messages_and_people()
    {
        var targetId = Guid.NewGuid();
        var source = Given(Opened());
        var target = Given([.. TicketDecider.Decide(Ticket.Empty, Open() with { TicketId = targetId, Number = "TND-ABCDE" }, Now).Events]);
        var messages = new[] { new MergedMessage("customer", Post(Mario, "Errore 500"), Now) };

        var (fromSource, toTarget) = TicketDecider.Decide(new MergeTickets(source, messages, target, Chiara), Now.AddHours(1));

        var merged = source.Evolve(fromSource.Events.Single());
        merged.Status.ShouldBe(TicketStatus.Closed);
        merged.MergedIntoNumber.ShouldBe("TND-ABCDE");
        var grown = target.Evolve(toTarget.Events.Single());
        grown.PostCount.ShouldBe(2);
        grown.Participants.ShouldBe(["mario@example.it"]);
        TicketDecider.Decide(merged, new AddCustomerPost(Id, Post(Mario, "ancora"), Week), Now).Error.ShouldBe(TicketErrors.Closed);
        TicketDecider.Decide(merged, new ReopenTicket(Id, Chiara, Week), Now).Error.ShouldBe(TicketErrors.Closed);
        TicketDecider.Decide(new MergeTickets(merged, messages, grown, Chiara), Now).Source.Error.ShouldBe(TicketErrors.MergeRefused);
    }

    [Fact]
    public void tickets_of_different_customers_or_a_ticket_with_itself_never_merge()
    {
        var source = Given(Opened());
        var other = Given([.. TicketDecider.Decide(Ticket.Empty, Open() with { TicketId = Guid.NewGuid(), Number = "TND-ABCDE", CustomerId = Guid.NewGuid() }, Now).Events]);

        TicketDecider.Decide(new MergeTickets(source, [], other, Chiara), Now).Source.Error.ShouldBe(TicketErrors.MergeRefused);
        TicketDecider.Decide(new MergeTickets(source, [], source, Chiara), Now).Source.Error.ShouldBe(TicketErrors.MergeRefused);
    }
}
