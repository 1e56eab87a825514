using Tunda.Domain.Customers;
using static Tunda.Domain.Tests.Support.Accounts;

namespace Tunda.Domain.Tests.Customers;

public sealed class ContactTests
{
    private static readonly Guid NewContact = Guid.Parse("0b6a3f1e-4444-4c1e-9d1a-000000000004");
    private static readonly AccountActor Main = AccountActor.MainAccount;

    private static InviteContact Invite(AccountActor actor, Permissions permissions = Permissions.Invoices, string email = "anna@example.it") =>
        new(CustomerId, NewContact, " Anna Neri ", email, permissions, Notifications.Invoices, actor);

    [Fact]
    public void the_main_account_invites_a_contact_with_any_permission()
    {
        var invited = ContactDecider.Decide(WithContacts(), Invite(Main, Permissions.All, "Anna@Example.IT"), Now).ShouldAccept<ContactInvited>();

        invited.ShouldBe(new ContactInvited(CustomerId, NewContact, "Anna Neri", "anna@example.it", Permissions.All, Notifications.Invoices, Now));
        WithContacts(invited).Contacts[NewContact].Status.ShouldBe(ContactStatus.Invited);
    }

    [Fact]
    public void a_contact_with_the_contacts_permission_invites_within_its_own_permissions()
    {
        ContactDecider.Decide(WithContacts(), Invite(AsAdminContact, Permissions.Invoices | Permissions.Tickets), Now).ShouldAccept<ContactInvited>();
    }

    [Fact]
    public void a_contact_cannot_grant_a_permission_it_does_not_hold()
    {
        ContactDecider.Decide(WithContacts(), Invite(AsAdminContact, Permissions.Invoices | Permissions.ManageServices), Now).ShouldRejectWith("contact.permission_escalation");
    }

    [Fact]
    public void the_acting_contacts_permissions_come_from_the_stream_not_from_the_command()
    {
        var claimingAll = AccountActor.Contact(AdminContact, Permissions.All);

        ContactDecider.Decide(WithContacts(), Invite(claimingAll, Permissions.Orders), Now).ShouldRejectWith("contact.permission_escalation");
    }

    [Fact]
    public void a_contact_without_the_contacts_permission_cannot_manage_contacts()
    {
        ContactDecider.Decide(WithContacts(), Invite(AsAccountant), Now).ShouldRejectWith("contact.not_authorised");
        ContactDecider.Decide(WithContacts(), new BlockContact(CustomerId, AdminContact, AsAccountant), Now).ShouldRejectWith("contact.not_authorised");
    }

    [Fact]
    public void a_blocked_deleted_or_unknown_contact_cannot_act()
    {
        ContactDecider.Decide(WithContacts(new ContactBlocked(CustomerId, AdminContact, Now)), Invite(AsAdminContact), Now).ShouldRejectWith("contact.not_authorised");
        ContactDecider.Decide(WithContacts(new ContactDeleted(CustomerId, AdminContact, Now)), Invite(AsAdminContact), Now).ShouldRejectWith("contact.not_authorised");
        ContactDecider.Decide(WithContacts(), Invite(AccountActor.Contact(Guid.NewGuid(), Permissions.All)), Now).ShouldRejectWith("contact.not_authorised");
    }

    [Theory]
    [InlineData("mario.rossi@example.it")]
    [InlineData("LUCA@studio.it")]
    public void a_contact_email_must_differ_from_the_main_login_and_the_other_contacts(string email)
    {
        ContactDecider.Decide(WithContacts(), Invite(Main, email: email), Now).ShouldRejectWith("contact.email_in_use");
    }

    [Fact]
    public void a_deleted_contacts_email_can_be_invited_again()
    {
        ContactDecider.Decide(WithContacts(new ContactDeleted(CustomerId, Accountant, Now)), Invite(Main, email: "luca@studio.it"), Now).ShouldAccept<ContactInvited>();
    }

    [Fact]
    public void an_invitation_needs_a_name_a_valid_email_and_a_new_id()
    {
        ContactDecider.Decide(WithContacts(), Invite(Main) with { Name = " " }, Now).Error!.Field.ShouldBe("name");
        ContactDecider.Decide(WithContacts(), Invite(Main, email: "anna@"), Now).ShouldRejectWith("email.invalid");
        ContactDecider.Decide(WithContacts(), Invite(Main) with { ContactId = Accountant }, Now).ShouldRejectWith("contact.already_exists");
    }

    [Fact]
    public void an_invited_contact_is_activated_once()
    {
        var state = WithContacts(new ContactInvited(CustomerId, NewContact, "Anna", "anna@example.it", Permissions.Tickets, Notifications.Support, Now));

        var activated = ContactDecider.Decide(state, new ActivateContact(CustomerId, NewContact), Now).ShouldAccept<ContactActivated>();
        state.Evolve(activated).Contacts[NewContact].Status.ShouldBe(ContactStatus.Active);
        ContactDecider.Decide(state.Evolve(activated), new ActivateContact(CustomerId, NewContact), Now).ShouldRejectWith("contact.not_invited");
        ContactDecider.Decide(state, new ActivateContact(CustomerId, Guid.NewGuid()), Now).ShouldRejectWith("contact.not_found");
    }

    [Fact]
    public void the_main_account_changes_a_contacts_name_permissions_and_notifications()
    {
        var command = new ChangeContact(CustomerId, Accountant, "Luca Verdi (studio)", Permissions.Invoices | Permissions.Orders, Notifications.Invoices | Notifications.General, Main);

        var changed = ContactDecider.Decide(WithContacts(), command, Now).ShouldAccept<ContactChanged>();

        WithContacts(changed).Contacts[Accountant].ShouldBe(new Contact(Accountant, "Luca Verdi (studio)", "luca@studio.it", Permissions.Invoices | Permissions.Orders, Notifications.Invoices | Notifications.General, ContactStatus.Active, true));
    }

    [Fact]
    public void a_contact_cannot_leave_on_a_contact_a_permission_it_does_not_hold()
    {
        var state = WithContacts(new ContactChanged(CustomerId, Accountant, "Luca Verdi", Permissions.Invoices | Permissions.ManageDomains, Notifications.Invoices, Now));

        ContactDecider.Decide(state, new ChangeContact(CustomerId, Accountant, "Luca", Permissions.Invoices | Permissions.ManageDomains, Notifications.Invoices, AsAdminContact), Now)
            .ShouldRejectWith("contact.permission_escalation");
        ContactDecider.Decide(state, new ChangeContact(CustomerId, Accountant, "Luca", Permissions.Invoices, Notifications.Invoices, AsAdminContact), Now)
            .ShouldRejectWith("contact.permission_escalation");
        ContactDecider.Decide(state, new ChangeContact(CustomerId, Accountant, "Luca", Permissions.Invoices, Notifications.Invoices, Main), Now)
            .ShouldAccept<ContactChanged>();
    }

    [Fact]
    public void a_contact_cannot_raise_its_own_permissions()
    {
        var command = new ChangeContact(CustomerId, AdminContact, "Giulia", Permissions.All, Notifications.All, AsAdminContact);

        ContactDecider.Decide(WithContacts(), command, Now).ShouldRejectWith("contact.permission_escalation");
    }

    [Fact]
    public void an_unchanged_contact_produces_no_event()
    {
        var command = new ChangeContact(CustomerId, Accountant, "Luca Verdi", Permissions.Invoices, Notifications.Invoices, Main);

        ContactDecider.Decide(WithContacts(), command, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void a_contact_is_blocked_unblocked_and_deleted()
    {
        var blocked = ContactDecider.Decide(WithContacts(), new BlockContact(CustomerId, Accountant, AsAdminContact), Now).ShouldAccept<ContactBlocked>();
        var state = WithContacts(blocked);
        state.Contacts[Accountant].Status.ShouldBe(ContactStatus.Blocked);
        ContactDecider.Decide(state, new BlockContact(CustomerId, Accountant, Main), Now).ShouldRejectWith("contact.already_blocked");

        var unblocked = ContactDecider.Decide(state, new UnblockContact(CustomerId, Accountant, Main), Now).ShouldAccept<ContactUnblocked>();
        state = state.Evolve(unblocked);
        state.Contacts[Accountant].Status.ShouldBe(ContactStatus.Active);
        ContactDecider.Decide(state, new UnblockContact(CustomerId, Accountant, Main), Now).ShouldRejectWith("contact.not_blocked");

        var deleted = ContactDecider.Decide(state, new DeleteContact(CustomerId, Accountant, Main), Now).ShouldAccept<ContactDeleted>();
        state.Evolve(deleted).Contacts.ContainsKey(Accountant).ShouldBeFalse();
        ContactDecider.Decide(state.Evolve(deleted), new DeleteContact(CustomerId, Accountant, Main), Now).ShouldRejectWith("contact.not_found");
    }

    [Fact]
    public void an_invited_contact_blocked_and_unblocked_is_still_only_invited()
    {
        var state = WithContacts(
            new ContactInvited(CustomerId, NewContact, "Anna", "anna@example.it", Permissions.Tickets, Notifications.Support, Now),
            new ContactBlocked(CustomerId, NewContact, Now),
            new ContactUnblocked(CustomerId, NewContact, Now));

        state.Contacts[NewContact].Status.ShouldBe(ContactStatus.Invited);
    }

    [Fact]
    public void a_contact_cannot_block_or_delete_itself()
    {
        ContactDecider.Decide(WithContacts(), new BlockContact(CustomerId, AdminContact, AsAdminContact), Now).ShouldRejectWith("contact.cannot_target_self");
        ContactDecider.Decide(WithContacts(), new DeleteContact(CustomerId, AdminContact, AsAdminContact), Now).ShouldRejectWith("contact.cannot_target_self");
    }

    [Fact]
    public void a_contact_cannot_block_or_delete_a_contact_holding_more_than_itself()
    {
        var state = WithContacts(
            new ContactInvited(CustomerId, NewContact, "Boss", "boss@example.it", Permissions.All, Notifications.All, Now),
            new ContactActivated(CustomerId, NewContact, Now));

        ContactDecider.Decide(state, new BlockContact(CustomerId, NewContact, AsAdminContact), Now).ShouldRejectWith("contact.permission_escalation");
        ContactDecider.Decide(state, new DeleteContact(CustomerId, NewContact, AsAdminContact), Now).ShouldRejectWith("contact.permission_escalation");
        ContactDecider.Decide(state, new BlockContact(CustomerId, AdminContact, AccountActor.Contact(NewContact, Permissions.All)), Now).ShouldAccept<ContactBlocked>();
    }
}
