using System.Text.Json;
using Marten;
using Tunda.Domain.Customers;
using Tunda.Domain.Inbound;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Domain.Tickets;
using Tunda.Projections.Store;
using Tunda.Projections.Tests.Support;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests;

public sealed class PinnedEventNameTests
{
    private static readonly Guid Mario = Guid.NewGuid();
    private static readonly Guid Luca = Guid.NewGuid();
    private static readonly Guid MarioLogin = LoginId.For(LoginRealm.Customer, "mario.rossi@example.it");
    private static readonly Guid Chiara = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();
    private static readonly Guid Mail = Guid.NewGuid();
    private static readonly Guid HeldMail = Guid.NewGuid();
    private static readonly Guid Ticket = Guid.NewGuid();
    private static readonly TicketAuthor Customer = new(AuthorKind.Customer, "login", "Mario", "mario@example.it");
    private static readonly TicketAuthor Agent = new(AuthorKind.Staff, "staff", "Chiara", "c@tunda.it");
    private static readonly TicketPost Post = new(Guid.NewGuid(), Customer, "Il sito non va")
    {
        Attachments = [new TicketAttachment(Guid.NewGuid(), "log.txt", "text/plain", 12, "ab12")],
        QuotedText = "> prima",
    };

    /// <summary>One event of every type, by stream, with the name it must be stored under: the pinned list.</summary>
    private static readonly (Guid Stream, object Event, string Name)[] Samples =
    [
        (Mario, Person(Mario), "customer_registered"),
        (Mario, new CustomerEmailConfirmed(Mario, "mario.rossi@example.it", At), "customer_email_confirmed"),
        (Mario, new CustomerDetailsChanged(Mario, Details, At), "customer_details_changed"),
        (Mario, new LoginEmailChangeRequested(Mario, "m@new.it", At), "login_email_change_requested"),
        (Mario, new LoginEmailChanged(Mario, "mario.rossi@example.it", "m@new.it", false, At), "login_email_changed"),
        (Mario, new CustomerBlocked(Mario, "test", At), "customer_blocked"),
        (Mario, new CustomerUnblocked(Mario, At), "customer_unblocked"),
        (Mario, Invited(Mario, Luca, "l@studio.it"), "contact_invited"),
        (Mario, new ContactActivated(Mario, Luca, At), "contact_activated"),
        (Mario, new ContactChanged(Mario, Luca, "L", Permissions.Tickets, Notifications.Support, At), "contact_changed"),
        (Mario, new ContactBlocked(Mario, Luca, At), "contact_blocked"),
        (Mario, new ContactUnblocked(Mario, Luca, At), "contact_unblocked"),
        (Mario, new ContactDeleted(Mario, Luca, At), "contact_deleted"),
        (MarioLogin, new PasswordSet(MarioLogin, "mario.rossi@example.it", LoginRealm.Customer, "registration", At), "password_set"),
        (MarioLogin, new PasswordResetRequested(MarioLogin, "mario.rossi@example.it", true, At), "password_reset_requested"),
        (MarioLogin, new TwoFactorEnabled(MarioLogin, At), "two_factor_enabled"),
        (MarioLogin, new RecoveryCodesRegenerated(MarioLogin, 10, At), "recovery_codes_regenerated"),
        (MarioLogin, new RecoveryCodeUsed(MarioLogin, At), "recovery_code_used"),
        (MarioLogin, new TwoFactorDisabled(MarioLogin, At), "two_factor_disabled"),
        (MarioLogin, new SignedIn(MarioLogin, Mario, null, At), "signed_in"),
        (MarioLogin, new SignedOut(MarioLogin, At), "signed_out"),
        (Request, new UsernameRecoveryRequested(Request, "Mario", "old@example.it", "new@example.it", null, "help", At), "username_recovery_requested"),
        (Chiara, new StaffMemberAdded(Chiara, "C", "c@tunda.it", StaffRoles.Auditor, At), "staff_member_added"),
        (Chiara, new StaffRolesChanged(Chiara, StaffRoles.Billing, At), "staff_roles_changed"),
        (Chiara, new StaffMemberBlocked(Chiara, At), "staff_member_blocked"),
        (Chiara, new StaffMemberUnblocked(Chiara, At), "staff_member_unblocked"),
        (Mail, new InboundMailReceived(Mail, "imap", "<m1@example.it>", "ab12", "Ciao", "mario@example.it", "Mario", false, null, ["<m0@example.it>"],
            "personal", ["from a known sender"], "pass", null, "pass", At), "inbound_mail_received"),
        (HeldMail, new InboundMailQuarantined(HeldMail, "pipe", "cd34", "too many parts", At), "inbound_mail_quarantined"),
        (Ticket, new TicketOpened(Ticket, "TND-7K3QX", Mario, "technical", "Sito", TicketPriority.Normal, TicketChannel.Portal, new TicketRelation("domain", "d1", "rossi.it"), Customer, At), "ticket_opened"),
        (Ticket, new TicketHeldForVerification(Ticket, "unregistered sender", At), "ticket_held_for_verification"),
        (Ticket, new TicketSenderVerified(Ticket, Mario, "called back", true, Agent, At), "ticket_sender_verified"),
        (Ticket, new CustomerWrote(Ticket, Post, At), "customer_wrote"),
        (Ticket, new StaffReplied(Ticket, Post with { Author = Agent }, At), "staff_replied"),
        (Ticket, new InternalNoteAdded(Ticket, Post with { Author = Agent }, At), "internal_note_added"),
        (Ticket, new AutomaticReplyAppended(Ticket, Post, "out_of_office", At), "automatic_reply_appended"),
        (Ticket, new TicketStatusChanged(Ticket, TicketStatus.AwaitingCustomer, Agent, At), "ticket_status_changed"),
        (Ticket, new TicketAssigned(Ticket, Chiara, "Chiara", Agent, At), "ticket_assigned"),
        (Ticket, new TicketUnassigned(Ticket, Agent, At), "ticket_unassigned"),
        (Ticket, new TicketDepartmentChanged(Ticket, "sales", Agent, At), "ticket_department_changed"),
        (Ticket, new TicketPriorityChanged(Ticket, TicketPriority.High, Agent, At), "ticket_priority_changed"),
        (Ticket, new TicketDeliveryFailed(Ticket, "mario@example.it", "550", Mail, At), "ticket_delivery_failed"),
        (Ticket, new TicketClosed(Ticket, Customer, At), "ticket_closed"),
        (Ticket, new TicketReopened(Ticket, Customer, At), "ticket_reopened"),
        (Ticket, new TicketRejected(Ticket, "spam", "obvious", Agent, At), "ticket_rejected"),
        (Ticket, new TicketMergedInto(Ticket, Request, "TND-ABCDE", Agent, At), "ticket_merged_into"),
        (Ticket, new TicketMergedFrom(Ticket, Request, "TND-ABCDE", [new MergedMessage("customer", Post, At)], ["mario@example.it"], Agent, At), "ticket_merged_from"),
    ];

    [Fact]
    public void the_pinned_list_names_every_event_type_tunda_stores()
    {
        StoredEventNames.All.OrderBy(n => n.Value, StringComparer.Ordinal)
            .ShouldBe(Samples.Select(s => KeyValuePair.Create(s.Event.GetType(), s.Name)).OrderBy(n => n.Value, StringComparer.Ordinal));
    }

    [Fact]
    public async Task every_event_is_stored_under_its_pinned_name_and_read_back_equal()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        foreach (var stream in Samples.GroupBy(s => s.Stream))
        {
            await accounts.AppendAsync(stream.Key, [.. stream.Select(s => s.Event)]);
        }

        var stored = await TestDatabase.ScalarAsync<string[]>($"SELECT array_agg(type ORDER BY seq_id) FROM {accounts.Schema}.mt_events");
        stored.ShouldBe(Samples.Select(s => s.Name));
        await using var session = accounts.Store.QuerySession();
        var read = new List<object>();
        foreach (var stream in Samples.Select(s => s.Stream).Distinct())
        {
            read.AddRange((await session.Events.FetchStreamAsync(stream)).Select(e => e.Data));
        }

        read.Count.ShouldBe(Samples.Length);
        for (var i = 0; i < read.Count; i++)
        {
            // Compared as JSON: a list read back is a List<T> whatever collection type was appended.
            read[i].GetType().ShouldBe(Samples[i].Event.GetType());
            JsonSerializer.Serialize(read[i], read[i].GetType())
                .ShouldBe(JsonSerializer.Serialize(Samples[i].Event, Samples[i].Event.GetType()), $"{Samples[i].Name} differs after the round trip");
        }
    }

    [Fact]
    public void every_event_type_in_the_domain_has_a_pinned_name()
    {
        var events = typeof(CustomerRegistered).Assembly.GetExportedTypes().Where(IsEvent).ToList();

        events.Except(StoredEventNames.All.Keys).ShouldBeEmpty("these events have no stored name");
        StoredEventNames.All.Keys.Except(events).ShouldBeEmpty("these pinned types are not found as events: widen IsEvent");
    }

    /// <summary>The domain's event shape: a record whose constructor starts with its stream's id and carries the time.</summary>
    private static bool IsEvent(Type type) =>
        type.GetMethod("<Clone>$") is not null
        && type.GetConstructors().Any(c => c.GetParameters() is [var first, .. var rest]
            && first.ParameterType == typeof(Guid)
            && rest.Any(p => p.ParameterType == typeof(DateTimeOffset)));
}
