using Tunda.Domain.Staff;

namespace Tunda.Domain.Tests.Staff;

public sealed class StaffMemberTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("5a7f0000-0000-4000-8000-000000000001");

    private static StaffMember Given(params object[] events) => events.Aggregate(StaffMember.Empty, StaffMember.Evolve);

    private static StaffMemberAdded Added => new(Id, "Chiara Support", "chiara@tunda.it", StaffRoles.Support, Now);

    [Fact]
    public void a_staff_member_is_added_with_a_normalised_email()
    {
        var added = StaffDecider.Decide(StaffMember.Empty, new AddStaffMember(Id, " Chiara Support ", "Chiara@Tunda.IT", StaffRoles.Support | StaffRoles.Billing), Now);

        added.Events.ShouldHaveSingleItem().ShouldBe(new StaffMemberAdded(Id, "Chiara Support", "chiara@tunda.it", StaffRoles.Support | StaffRoles.Billing, Now));
    }

    [Fact]
    public void a_staff_member_needs_a_name_an_email_and_a_role_all_reported_at_once()
    {
        var decision = StaffDecider.Decide(StaffMember.Empty, new AddStaffMember(Id, "", "nope", StaffRoles.None), Now);

        decision.Errors.Select(e => e.Field).ShouldBe(["name", "email", "roles"], ignoreOrder: true);
        decision.Errors.ShouldContain(e => e.Code == "staff.no_roles");
    }

    [Fact]
    public void adding_the_same_staff_member_twice_is_refused()
    {
        StaffDecider.Decide(Given(Added), new AddStaffMember(Id, "X", "x@tunda.it", StaffRoles.Auditor), Now).Error!.Code.ShouldBe("staff.already_exists");
    }

    [Fact]
    public void roles_change_but_never_to_none()
    {
        StaffDecider.Decide(Given(Added), new ChangeStaffRoles(Id, StaffRoles.Administrator), Now).Events.ShouldHaveSingleItem().ShouldBe(new StaffRolesChanged(Id, StaffRoles.Administrator, Now));
        StaffDecider.Decide(Given(Added), new ChangeStaffRoles(Id, StaffRoles.None), Now).Error!.Code.ShouldBe("staff.no_roles");
        StaffDecider.Decide(Given(Added), new ChangeStaffRoles(Id, StaffRoles.Support), Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void a_staff_member_is_blocked_and_unblocked()
    {
        var blocked = Given(Added, new StaffMemberBlocked(Id, Now));

        blocked.IsBlocked.ShouldBeTrue();
        StaffDecider.Decide(Given(Added), new BlockStaffMember(Id), Now).Events.ShouldHaveSingleItem().ShouldBeOfType<StaffMemberBlocked>();
        StaffDecider.Decide(blocked, new BlockStaffMember(Id), Now).Error!.Code.ShouldBe("staff.already_blocked");
        StaffDecider.Decide(blocked, new UnblockStaffMember(Id), Now).Events.ShouldHaveSingleItem().ShouldBeOfType<StaffMemberUnblocked>();
        StaffDecider.Decide(Given(Added), new UnblockStaffMember(Id), Now).Error!.Code.ShouldBe("staff.not_blocked");
    }

    [Fact]
    public void commands_on_an_unknown_staff_member_are_refused()
    {
        StaffDecider.Decide(StaffMember.Empty, new ChangeStaffRoles(Id, StaffRoles.Support), Now).Error!.Code.ShouldBe("staff.not_found");
        StaffDecider.Decide(StaffMember.Empty, new BlockStaffMember(Id), Now).Error!.Code.ShouldBe("staff.not_found");
    }
}
