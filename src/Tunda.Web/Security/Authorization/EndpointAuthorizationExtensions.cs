using Tunda.Domain.Customers;
using Tunda.Domain.Staff;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Security.Authorization;

/// <summary>The attributes' counterparts for minimal-API endpoints and groups.</summary>
public static class EndpointAuthorizationExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permissions permissions)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(TundaPolicies.Permission(permissions));

    public static TBuilder RequireStaffRole<TBuilder>(this TBuilder builder, StaffRoles roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(TundaPolicies.StaffRole(roles));

    public static TBuilder RequireSessionStage<TBuilder>(this TBuilder builder, SessionStage stage)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(TundaPolicies.Stage(stage));
}
