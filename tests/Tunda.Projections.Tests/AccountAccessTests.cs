using Tunda.Domain.Customers;
using Tunda.Projections.Tests.Support;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests;

public sealed class AccountAccessTests
{
    [Fact]
    public async Task a_registration_opens_the_main_account_with_every_permission_once_confirmed()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var id = Guid.NewGuid();
        await accounts.AppendAsync(id, Person(id));

        var unconfirmed = (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, id)))!;
        unconfirmed.ShouldBe(new AccountAccess
        {
            AccessId = id,
            CustomerId = id,
            ContactId = null,
            Email = "mario.rossi@example.it",
            Name = "Mario Rossi",
            CustomerName = "Mario Rossi",
            Permissions = Permissions.All,
            Notifications = Notifications.All,
            Status = AccountAccessStatus.Active,
            CustomerBlocked = false,
            CustomerEmailConfirmed = false,
        });
        unconfirmed.CanSignIn.ShouldBeFalse();

        await accounts.AppendAsync(id, new CustomerEmailConfirmed(id, "mario.rossi@example.it", At));
        (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, id)))!.Has(Permissions.Invoices).ShouldBeTrue();
    }

    [Fact]
    public async Task contacts_follow_invitation_activation_changes_blocking_and_deletion()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var customer = Guid.NewGuid();
        var luca = Guid.NewGuid();
        var anna = Guid.NewGuid();
        await accounts.AppendAsync(customer, Company(customer, "info@caffeneri.it"), new CustomerEmailConfirmed(customer, "info@caffeneri.it", At));
        await accounts.AppendAsync(customer, Invited(customer, luca, "luca@studio.it"), Invited(customer, anna, "anna@caffeneri.it", Permissions.Tickets, "Anna Bianchi"));

        var invited = (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, luca)))!;
        (invited.CustomerId, invited.ContactId, invited.CustomerName, invited.Status, invited.CustomerEmailConfirmed).ShouldBe((customer, (Guid?)luca, "Caffè Neri S.r.l.", "invited", true));
        invited.CanSignIn.ShouldBeFalse();

        await accounts.AppendAsync(customer,
            new ContactActivated(customer, luca, At),
            new ContactChanged(customer, luca, "Luca Verdi (studio)", Permissions.Invoices | Permissions.Orders, Notifications.Invoices | Notifications.General, At));
        var active = (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, luca)))!;
        (active.Name, active.Permissions, active.Notifications, active.Status).ShouldBe(("Luca Verdi (studio)", Permissions.Invoices | Permissions.Orders, Notifications.Invoices | Notifications.General, "active"));
        active.Has(Permissions.Orders).ShouldBeTrue();
        active.Has(Permissions.Tickets).ShouldBeFalse();

        await accounts.AppendAsync(customer, new ContactBlocked(customer, luca, At), new ContactBlocked(customer, anna, At));
        (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, luca)))!.Status.ShouldBe("blocked");
        (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, luca)))!.Has(Permissions.Invoices).ShouldBeFalse();

        await accounts.AppendAsync(customer, new ContactUnblocked(customer, luca, At), new ContactUnblocked(customer, anna, At));
        var contacts = await accounts.ReadAsync(s => AccountAccessQueries.ContactsOfAsync(s, customer));
        contacts.Select(c => (c.Name, c.Status)).ShouldBe([("Anna Bianchi", "invited"), ("Luca Verdi (studio)", "active")]);

        await accounts.AppendAsync(customer, new ContactDeleted(customer, anna, At));
        (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, anna))).ShouldBeNull();
        (await accounts.ReadAsync(s => AccountAccessQueries.ContactsOfAsync(s, customer))).ShouldHaveSingleItem().AccessId.ShouldBe(luca);
    }

    [Fact]
    public async Task blocking_the_customer_closes_every_way_in_until_unblocked()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var customer = Guid.NewGuid();
        var luca = Guid.NewGuid();
        await accounts.AppendAsync(customer, Person(customer), new CustomerEmailConfirmed(customer, "mario.rossi@example.it", At),
            Invited(customer, luca, "luca@studio.it"), new ContactActivated(customer, luca, At));

        await accounts.AppendAsync(customer, new CustomerBlocked(customer, "fraud", At));
        var blocked = await accounts.ReadAsync(s => AccountAccessQueries.ForEmailAsync(s, "luca@studio.it"));
        blocked.ShouldHaveSingleItem().CustomerBlocked.ShouldBeTrue();
        blocked[0].CanSignIn.ShouldBeFalse();
        (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, customer)))!.CanSignIn.ShouldBeFalse();

        await accounts.AppendAsync(customer, new CustomerUnblocked(customer, At));
        (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, luca)))!.CanSignIn.ShouldBeTrue();
    }

    [Fact]
    public async Task a_login_email_change_moves_only_the_main_row()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var customer = Guid.NewGuid();
        var luca = Guid.NewGuid();
        await accounts.AppendAsync(customer, Person(customer), Invited(customer, luca, "luca@studio.it"));

        await accounts.AppendAsync(customer, new LoginEmailChanged(customer, "mario.rossi@example.it", "mario@xn--caff-8oa.it", true, At));

        (await accounts.ReadAsync(s => AccountAccessQueries.ForEmailAsync(s, "mario.rossi@example.it"))).ShouldBeEmpty();
        var moved = (await accounts.ReadAsync(s => AccountAccessQueries.ForEmailAsync(s, "Mario@Caffè.it"))).ShouldHaveSingleItem();
        (moved.AccessId, moved.CustomerEmailConfirmed).ShouldBe((customer, true));
        (await accounts.ReadAsync(s => AccountAccessQueries.FindAsync(s, luca)))!.Email.ShouldBe("luca@studio.it");
    }

    [Fact]
    public async Task one_email_reaches_its_own_account_and_contacts_at_other_customers()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var own = Guid.NewGuid();
        var bar = Guid.NewGuid();
        var studio = Guid.NewGuid();
        var atBar = Guid.NewGuid();
        var atStudio = Guid.NewGuid();
        await accounts.AppendAsync(own, Person(own, "luca@studio.it"));
        await accounts.AppendAsync(bar, Company(bar, "info@bar.it"), Invited(bar, atBar, "luca@studio.it"));
        await accounts.AppendAsync(studio, Person(studio, "mario@studio.it"), Invited(studio, atStudio, "luca@studio.it", Permissions.Invoices | Permissions.Tickets));

        var reached = await accounts.ReadAsync(s => AccountAccessQueries.ForEmailAsync(s, "LUCA@studio.it"));

        reached.Select(a => a.AccessId).ShouldBe([own, atBar, atStudio]);
        reached[0].IsMainAccount.ShouldBeTrue();
        reached.Select(a => a.CustomerName).ShouldBe(["Mario Rossi", "Caffè Neri S.r.l.", "Mario Rossi"]);
    }
}
