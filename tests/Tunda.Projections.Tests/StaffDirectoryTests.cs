using Tunda.Domain.Staff;
using Tunda.Projections.Tests.Support;

namespace Tunda.Projections.Tests;

public sealed class StaffDirectoryTests
{
    [Fact]
    public async Task staff_members_roles_and_blocking_are_listed()
    {
        await using var accounts = await AccountsStore.CreateAsync();
        var chiara = Guid.NewGuid();
        var bruno = Guid.NewGuid();
        await accounts.AppendAsync(chiara, new StaffMemberAdded(chiara, "Chiara", "chiara@tunda.it", StaffRoles.Support, Events.At));
        await accounts.AppendAsync(bruno, new StaffMemberAdded(bruno, "Bruno", "bruno@tunda.it", StaffRoles.Billing, Events.At));
        await accounts.AppendAsync(chiara, new StaffRolesChanged(chiara, StaffRoles.Support | StaffRoles.Administrator, Events.At), new StaffMemberBlocked(chiara, Events.At));

        var all = await accounts.ReadAsync(s => StaffDirectory.ListAsync(s));
        all.ShouldBe([
            new StaffDirectoryEntry { StaffId = bruno, Name = "Bruno", Email = "bruno@tunda.it", Roles = StaffRoles.Billing, Blocked = false },
            new StaffDirectoryEntry { StaffId = chiara, Name = "Chiara", Email = "chiara@tunda.it", Roles = StaffRoles.Support | StaffRoles.Administrator, Blocked = true },
        ]);
        all[1].Has(StaffRoles.Administrator).ShouldBeFalse();

        await accounts.AppendAsync(chiara, new StaffMemberUnblocked(chiara, Events.At));
        var found = (await accounts.ReadAsync(s => StaffDirectory.ForEmailAsync(s, "Chiara@Tunda.IT")))!;
        found.StaffId.ShouldBe(chiara);
        found.Has(StaffRoles.Administrator).ShouldBeTrue();
        (await accounts.ReadAsync(s => StaffDirectory.FindAsync(s, bruno)))!.Name.ShouldBe("Bruno");
    }
}
