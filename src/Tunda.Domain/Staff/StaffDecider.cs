using Tunda.Domain.Identity;

namespace Tunda.Domain.Staff;

public sealed record AddStaffMember(Guid StaffId, string Name, string Email, StaffRoles Roles);

public sealed record ChangeStaffRoles(Guid StaffId, StaffRoles Roles);

public sealed record BlockStaffMember(Guid StaffId);

public sealed record UnblockStaffMember(Guid StaffId);

/// <summary>Decides the StaffMember commands (stream type "staff").</summary>
public static class StaffDecider
{
    public const string StreamType = "staff";

    public static DomainError NoRoles { get; } = new("staff.no_roles", "A staff member needs at least one role.", "roles");

    public static DomainError AlreadyBlocked { get; } = new("staff.already_blocked", "The staff member is already blocked.");

    public static DomainError NotBlocked { get; } = new("staff.not_blocked", "The staff member is not blocked.");

    public static DomainError NotFound(Guid id) => new("staff.not_found", $"Staff member {id} does not exist.");

    public static Decision Decide(StaffMember state, AddStaffMember command, DateTimeOffset now)
    {
        if (state.Exists)
        {
            return new DomainError("staff.already_exists", $"Staff member {command.StaffId} already exists.");
        }

        var name = command.Name?.Trim() ?? string.Empty;
        var email = EmailAddress.Parse(command.Email);
        var roles = command.Roles & AllRoles;
        var errors = new List<DomainError>();
        if (name.Length is 0 or > 100)
        {
            errors.Add(new DomainError("staff.invalid_field", "name: is required (at most 100 characters).", "name"));
        }

        if (!email.IsValid)
        {
            errors.Add(email.Error!.For("email"));
        }

        if (roles == StaffRoles.None)
        {
            errors.Add(NoRoles);
        }

        return errors.Count > 0
            ? Decision.Reject(errors)
            : Decision.Accept(new StaffMemberAdded(command.StaffId, name, email.Value!.Value, roles, now));
    }

    public static Decision Decide(StaffMember state, ChangeStaffRoles command, DateTimeOffset now)
    {
        var roles = command.Roles & AllRoles;
        return !state.Exists ? NotFound(command.StaffId)
            : roles == StaffRoles.None ? NoRoles
            : roles == state.Roles ? Decision.Accept()
            : Decision.Accept(new StaffRolesChanged(state.Id, roles, now));
    }

    public static Decision Decide(StaffMember state, BlockStaffMember command, DateTimeOffset now) =>
        !state.Exists ? NotFound(command.StaffId)
        : state.IsBlocked ? AlreadyBlocked
        : Decision.Accept(new StaffMemberBlocked(state.Id, now));

    public static Decision Decide(StaffMember state, UnblockStaffMember command, DateTimeOffset now) =>
        !state.Exists ? NotFound(command.StaffId)
        : !state.IsBlocked ? NotBlocked
        : Decision.Accept(new StaffMemberUnblocked(state.Id, now));

    private const StaffRoles AllRoles = StaffRoles.Support | StaffRoles.Billing | StaffRoles.Administrator | StaffRoles.Auditor;
}
