using System.Globalization;
using Tunda.Domain.Customers;
using Tunda.Domain.Staff;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Security.Authorization;

/// <summary>
/// Policy names. Permission and role policies are built on demand from their names by
/// <see cref="TundaPolicyProvider"/>, so any flag combination works without registration.
/// </summary>
public static class TundaPolicies
{
    /// <summary>Any customer who has fully signed in and entered an account.</summary>
    public const string Customer = "tunda:customer";

    /// <summary>Any staff member who has fully signed in (with two-factor), whatever the roles.</summary>
    public const string Staff = "tunda:staff";

    internal const string PermissionPrefix = "tunda:permission:";
    internal const string StaffRolePrefix = "tunda:staff-role:";
    internal const string StagePrefix = "tunda:stage:";

    /// <summary>A customer whose account holds every flag in <paramref name="permissions"/>.</summary>
    public static string Permission(Permissions permissions) => PermissionPrefix + ((int)permissions).ToString(CultureInfo.InvariantCulture);

    /// <summary>A staff member holding at least one of <paramref name="roles"/> (an auditor only for reading).</summary>
    public static string StaffRole(StaffRoles roles) => StaffRolePrefix + ((int)roles).ToString(CultureInfo.InvariantCulture);

    /// <summary>The one route a half-signed-in session may reach (two-factor, enrolment, account choice).</summary>
    public static string Stage(SessionStage stage) => StagePrefix + stage;
}
