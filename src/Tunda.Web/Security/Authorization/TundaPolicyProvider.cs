using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Security.Authorization;

/// <summary>
/// Builds Tunda's policies from their names. The default policy (plain [Authorize],
/// <see cref="CompleteSession"/>) also demands a complete session, so a session still waiting for its code or account choice reaches only the
/// routes that name its stage.
/// </summary>
public sealed class TundaPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    /// <summary>Set as the default policy by <c>AddTundaSecurity</c>.</summary>
    public static AuthorizationPolicy CompleteSession { get; } = Build(new SessionStageRequirement(SessionStage.Complete));

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (await base.GetPolicyAsync(policyName) is { } configured)
        {
            return configured;
        }

        return policyName switch
        {
            TundaPolicies.Customer => Build(new SessionStageRequirement(SessionStage.Complete, LoginRealm.Customer)),
            TundaPolicies.Staff => Build(new SessionStageRequirement(SessionStage.Complete, LoginRealm.Staff)),
            _ when Flag(policyName, TundaPolicies.PermissionPrefix) is { } permissions => Build(new PermissionRequirement((Permissions)permissions)),
            _ when Flag(policyName, TundaPolicies.StaffRolePrefix) is { } roles => Build(new StaffRoleRequirement((StaffRoles)roles)),
            _ when policyName.StartsWith(TundaPolicies.StagePrefix, StringComparison.Ordinal)
                && Enum.TryParse<SessionStage>(policyName[TundaPolicies.StagePrefix.Length..], out var stage) => Build(new SessionStageRequirement(stage)),
            _ => null,
        };
    }

    private static int? Flag(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;

    private static AuthorizationPolicy Build(IAuthorizationRequirement requirement) =>
        new AuthorizationPolicyBuilder(TundaAuthenticationHandler.SchemeName).RequireAuthenticatedUser().AddRequirements(requirement).Build();
}
