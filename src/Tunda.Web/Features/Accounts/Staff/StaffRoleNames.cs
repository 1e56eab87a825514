using Tunda.Domain.Staff;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>Roles as typed on the command line and in the API ("administrator,support") and as mailed.</summary>
public static class StaffRoleNames
{
    public static IReadOnlyList<StaffRoles> All { get; } = [StaffRoles.Support, StaffRoles.Billing, StaffRoles.Administrator, StaffRoles.Auditor];

    public static string Name(StaffRoles role) => role.ToString().ToLowerInvariant();

    /// <summary>"administrator, support", in the order of <see cref="All"/>.</summary>
    public static string Format(StaffRoles roles) => string.Join(", ", All.Where(r => roles.HasFlag(r)).Select(Name));

    /// <summary>The roles named, or null when a name is unknown.</summary>
    public static StaffRoles? Parse(IEnumerable<string?>? names)
    {
        var roles = StaffRoles.None;
        foreach (var name in (names ?? []).SelectMany(n => (n ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var role = All.FirstOrDefault(r => string.Equals(Name(r), name, StringComparison.OrdinalIgnoreCase));
            if (role == StaffRoles.None)
            {
                return null;
            }

            roles |= role;
        }

        return roles;
    }
}
