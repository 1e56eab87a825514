using Tunda.Domain.Customers;
using Tunda.Domain.Staff;
using Tunda.Projections.Tests.Support;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests;

public sealed class RebuildTests
{
    [Fact]
    public async Task replaying_every_event_gives_the_same_rows_as_the_inline_projections()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var luca = Guid.NewGuid();
        var anna = Guid.NewGuid();
        var gone = Guid.NewGuid();
        var staff = Guid.NewGuid();
        await accounts.AppendAsync(first, "customer", Person(first), new CustomerEmailConfirmed(first, "mario.rossi@example.it", At));
        await accounts.AppendAsync(second, "customer", Company(second, "info@bar.it"), Invited(second, luca, "luca@studio.it"), Invited(second, gone, "gone@bar.it"));
        await accounts.AppendAsync(first, "customer", Invited(first, anna, "anna@example.it", Permissions.Contacts | Permissions.Tickets), new ContactActivated(first, anna, At));
        await accounts.AppendAsync(second, "customer", new ContactActivated(second, luca, At), new ContactBlocked(second, luca, At), new ContactDeleted(second, gone, At));
        await accounts.AppendAsync(first, "customer", new LoginEmailChangeRequested(first, "mario@new.it", At), new LoginEmailChanged(first, "mario.rossi@example.it", "mario@new.it", false, At));
        await accounts.AppendAsync(second, "customer", new CustomerBlocked(second, "unpaid", At), new CustomerDetailsChanged(second, Details with { Phone = "+39 333 1234567" }, At));
        await accounts.AppendAsync(staff, "staff", new StaffMemberAdded(staff, "Chiara", "chiara@tunda.it", StaffRoles.Support, At), new StaffMemberBlocked(staff, At));
        string[] tables = ["customer_profiles", "account_access", "staff_directory"];
        var inline = new List<string>();
        foreach (var table in tables)
        {
            inline.Add(await accounts.SnapshotAsync(table));
        }

        await accounts.RebuildAllAsync();

        for (var i = 0; i < tables.Length; i++)
        {
            (await accounts.SnapshotAsync(tables[i])).ShouldBe(inline[i], $"{tables[i]} differs after a rebuild");
        }

        inline[1].ShouldNotContain("gone@bar.it");
        inline[1].ShouldContain("mario@new.it");
    }
}
