using Microsoft.AspNetCore.Authorization;
using Tunda.Domain.Customers;
using Tunda.Domain.Staff;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Security.Authorization;

/// <summary>Only a signed-in customer whose account holds every one of <paramref name="permissions"/> (Razor Pages, controllers).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(Permissions permissions) : AuthorizeAttribute(TundaPolicies.Permission(permissions))
{
    public Permissions Permissions { get; } = permissions;
}

/// <summary>Only a signed-in staff member holding one of <paramref name="roles"/>; an auditor may only read.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireStaffRoleAttribute(StaffRoles roles) : AuthorizeAttribute(TundaPolicies.StaffRole(roles))
{
    public StaffRoles StaffRoles { get; } = roles;
}

/// <summary>For the two-factor, enrolment and account-choice pages: reachable only at that stage of signing in.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireSessionStageAttribute(SessionStage stage) : AuthorizeAttribute(TundaPolicies.Stage(stage))
{
    public SessionStage Stage { get; } = stage;
}
