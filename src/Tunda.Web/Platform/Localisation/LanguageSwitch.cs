using Microsoft.AspNetCore.Localization;

namespace Tunda.Web.Platform.Localisation;

/// <summary>
/// <c>GET /lingua/{code}?returnUrl=</c>: remembers the language in a cookie and goes back to the
/// page the visitor was on. Only local return addresses are followed, so the link cannot be used
/// to bounce visitors to another site.
/// </summary>
public static class LanguageSwitch
{
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/lingua/{code}", Switch).ExcludeFromDescription().AllowAnonymous();
        return endpoints;
    }

    private static IResult Switch(string code, string? returnUrl, HttpContext context)
    {
        if (!Languages.IsSupported(code))
        {
            return Results.NotFound();
        }

        var culture = code.ToLowerInvariant();
        context.Response.Cookies.Append(
            Languages.CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            });
        return Results.Redirect(LocalUrl.IsLocal(returnUrl) ? returnUrl! : "/");
    }
}

public static class LocalUrl
{
    /// <summary>
    /// A path on this site: starts with one "/" and is not "//host" or "/\host", which browsers
    /// treat as another site.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
