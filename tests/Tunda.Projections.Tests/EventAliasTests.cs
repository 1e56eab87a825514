using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Projections.Tests.Support;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests;

public sealed class EventAliasTests
{
    [Fact]
    public async Task every_account_event_is_stored_under_its_snake_case_alias_and_read_back_equal()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var customer = Guid.NewGuid();
        var contact = Guid.NewGuid();
        var login = LoginId.For(LoginRealm.Customer, "mario.rossi@example.it");
        var staff = Guid.NewGuid();
        var request = Guid.NewGuid();
        object[] customerEvents =
        [
            Person(customer), new CustomerEmailConfirmed(customer, "mario.rossi@example.it", At), new CustomerDetailsChanged(customer, Details, At),
            new LoginEmailChangeRequested(customer, "m@new.it", At), new LoginEmailChanged(customer, "mario.rossi@example.it", "m@new.it", false, At),
            new CustomerBlocked(customer, "test", At), new CustomerUnblocked(customer, At), Invited(customer, contact, "l@studio.it"),
            new ContactActivated(customer, contact, At), new ContactChanged(customer, contact, "L", Permissions.Tickets, Notifications.Support, At),
            new ContactBlocked(customer, contact, At), new ContactUnblocked(customer, contact, At), new ContactDeleted(customer, contact, At),
        ];
        object[] loginEvents =
        [
            new PasswordSet(login, "mario.rossi@example.it", LoginRealm.Customer, "registration", At), new PasswordResetRequested(login, "mario.rossi@example.it", true, At),
            new TwoFactorEnabled(login, At), new RecoveryCodesRegenerated(login, 10, At), new RecoveryCodeUsed(login, At), new TwoFactorDisabled(login, At),
            new SignedIn(login, customer, null, At), new SignedOut(login, At),
        ];
        object[] staffEvents = [new StaffMemberAdded(staff, "C", "c@tunda.it", StaffRoles.Auditor, At), new StaffRolesChanged(staff, StaffRoles.Billing, At), new StaffMemberBlocked(staff, At), new StaffMemberUnblocked(staff, At)];
        var recovery = new UsernameRecoveryRequested(request, "Mario", "old@example.it", "new@example.it", null, "help", At);
        await accounts.AppendAsync(customer, "customer", customerEvents);
        await accounts.AppendAsync(login, "login", loginEvents);
        await accounts.AppendAsync(staff, "staff", staffEvents);
        await accounts.AppendAsync(request, "username_recovery", recovery);

        var stored = new List<Tunda.EventStore.StreamEvent>();
        foreach (var stream in new[] { customer, login, staff, request })
        {
            stored.AddRange(await accounts.Store.FetchStreamAsync(stream));
        }

        stored.Count.ShouldBe(26);
        stored.Select(e => e.Data).ShouldBe([.. customerEvents, .. loginEvents, .. staffEvents, recovery], ignoreOrder: false, customMessage: "payloads differ after the round trip");
        stored.Select(e => e.Type).ShouldAllBe(alias => System.Text.RegularExpressions.Regex.IsMatch(alias, "^[a-z]+(_[a-z]+)+$"));
        stored.Select(e => e.Type).Take(2).ShouldBe(["customer_registered", "customer_email_confirmed"]);
    }
}
