using Microsoft.AspNetCore.Authorization;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Security.Authorization;

/// <summary>The session is at <see cref="Stage"/> in <see cref="Realm"/> (null: either realm).</summary>
public sealed class SessionStageRequirement(SessionStage stage, LoginRealm? realm = null) : AuthorizationHandler<SessionStageRequirement>, IAuthorizationRequirement
{
    public SessionStage Stage { get; } = stage;

    public LoginRealm? Realm { get; } = realm;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SessionStageRequirement requirement)
    {
        if (context.User.GetStage() == requirement.Stage && (requirement.Realm is null || context.User.GetRealm() == requirement.Realm))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A fully signed-in customer whose account holds every requested permission.</summary>
public sealed class PermissionRequirement(Permissions permissions) : AuthorizationHandler<PermissionRequirement>, IAuthorizationRequirement
{
    public Permissions Permissions { get; } = permissions;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var user = context.User;
        if (user.GetRealm() == LoginRealm.Customer && user.GetStage() == SessionStage.Complete
            && user.GetAccessId() is not null && (user.GetPermissions() & requirement.Permissions) == requirement.Permissions)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A fully signed-in staff member holding one of the roles. Roles do not imply each other: an
/// administrator manages staff and settings, and is given Support or Billing as well to work tickets
/// or invoices. Auditor grants reading only: with it alone, any method but GET/HEAD is refused.
/// </summary>
public sealed class StaffRoleRequirement(StaffRoles roles) : AuthorizationHandler<StaffRoleRequirement>, IAuthorizationRequirement
{
    public StaffRoles Roles { get; } = roles;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffRoleRequirement requirement)
    {
        var user = context.User;
        if (user.GetRealm() != LoginRealm.Staff || user.GetStage() != SessionStage.Complete)
        {
            return Task.CompletedTask;
        }

        var granted = user.GetStaffRoles() & requirement.Roles;
        var method = (context.Resource as HttpContext)?.Request.Method ?? HttpMethods.Get;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            granted &= ~StaffRoles.Auditor;
        }

        if (granted != StaffRoles.None)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
