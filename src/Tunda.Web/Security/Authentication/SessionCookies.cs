using Tunda.Domain.Logins;

namespace Tunda.Web.Security.Authentication;

/// <summary>Writes and clears the session and device cookies with the attributes the security rules ask for.</summary>
public static class SessionCookies
{
    public static void AppendSession(HttpResponse response, string token) =>
        response.Cookies.Append(SecurityOptions.SessionCookieName, token, Options(response.HttpContext, expires: null));

    public static void DeleteSession(HttpResponse response) =>
        response.Cookies.Delete(SecurityOptions.SessionCookieName, Options(response.HttpContext, expires: null));

    public static string? ReadSession(HttpRequest request) => request.Cookies[SecurityOptions.SessionCookieName];

    /// <summary>One device cookie per realm, so a staff member's browser remembers both of their logins.</summary>
    public static void AppendDevice(HttpResponse response, LoginRealm realm, string value, DateTimeOffset expires) =>
        response.Cookies.Append(DeviceCookieName(realm), value, Options(response.HttpContext, expires));

    public static string? ReadDevice(HttpRequest request, LoginRealm realm) => request.Cookies[DeviceCookieName(realm)];

    public static string DeviceCookieName(LoginRealm realm) =>
        realm == LoginRealm.Staff ? $"{SecurityOptions.DeviceCookieName}_staff" : SecurityOptions.DeviceCookieName;

    /// <summary>
    /// The session cookie has no expiry (it dies with the browser; the server decides validity).
    /// Secure follows the request so plain-HTTP development still works; production runs on HTTPS.
    /// </summary>
    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };
}
