using System.Text.Json.Serialization;

namespace Tunda.Domain.Staff;

[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<StaffRoles>))]
public enum StaffRoles
{
    None = 0,
    Support = 1 << 0,
    Billing = 1 << 1,
    Administrator = 1 << 2,
    Auditor = 1 << 3,
}

public sealed record StaffMemberAdded(Guid StaffId, string Name, string Email, StaffRoles Roles, DateTimeOffset At);

public sealed record StaffRolesChanged(Guid StaffId, StaffRoles Roles, DateTimeOffset At);

public sealed record StaffMemberBlocked(Guid StaffId, DateTimeOffset At);

public sealed record StaffMemberUnblocked(Guid StaffId, DateTimeOffset At);
