using System.Globalization;
using System.Security.Claims;
using Tunda.Domain.Customers;
using Tunda.Domain.Logins;
using Tunda.Domain.Staff;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Security.Authentication;

/// <summary>Claim names of a Tunda principal and typed readers for them.</summary>
public static class TundaClaims
{
    public const string Session = "tunda:session";
    public const string LoginId = "tunda:login";
    public const string Email = ClaimTypes.Email;
    public const string Realm = "tunda:realm";
    public const string Stage = "tunda:stage";
    public const string AccessId = "tunda:access";
    public const string CustomerId = "tunda:customer";
    public const string ContactId = "tunda:contact";
    public const string Permissions = "tunda:permissions";
    public const string StaffId = "tunda:staff";
    public const string StaffRoles = "tunda:staff-roles";

    public static string? GetSessionId(this ClaimsPrincipal user) => user.FindFirstValue(Session);

    public static Guid? GetLoginId(this ClaimsPrincipal user) => Guid(user, LoginId);

    public static string? GetEmail(this ClaimsPrincipal user) => user.FindFirstValue(Email);

    public static LoginRealm? GetRealm(this ClaimsPrincipal user) => Enum.TryParse<LoginRealm>(user.FindFirstValue(Realm), out var realm) ? realm : null;

    public static SessionStage? GetStage(this ClaimsPrincipal user) => Enum.TryParse<SessionStage>(user.FindFirstValue(Stage), out var stage) ? stage : null;

    public static Guid? GetAccessId(this ClaimsPrincipal user) => Guid(user, AccessId);

    public static Guid? GetCustomerId(this ClaimsPrincipal user) => Guid(user, CustomerId);

    public static Guid? GetContactId(this ClaimsPrincipal user) => Guid(user, ContactId);

    public static Guid? GetStaffId(this ClaimsPrincipal user) => Guid(user, StaffId);

    public static Permissions GetPermissions(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Permissions), CultureInfo.InvariantCulture, out var value) ? (Permissions)value : Domain.Customers.Permissions.None;

    public static StaffRoles GetStaffRoles(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(StaffRoles), CultureInfo.InvariantCulture, out var value) ? (StaffRoles)value : Domain.Staff.StaffRoles.None;

    private static Guid? Guid(ClaimsPrincipal user, string type) =>
        System.Guid.TryParse(user.FindFirstValue(type), out var value) ? value : null;
}
