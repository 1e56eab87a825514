using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Tunda.Web.Platform.Localisation;

/// <summary>The languages Tunda speaks: Italian first (the default), English second.</summary>
public static class Languages
{
    public const string Italian = "it";
    public const string English = "en";

    /// <summary>The longest language tag a field accepts: RFC 5646 asks readers to take at least 35 characters.</summary>
    public const int MaxTagLength = 35;

    /// <summary>Remembers the visitor's choice from <c>GET /lingua/{code}</c>.</summary>
    public const string CookieName = "tunda.lingua";

    public static IReadOnlyList<string> Supported { get; } = [Italian, English];

    public static CultureInfo Default { get; } = CultureInfo.GetCultureInfo(Italian);

    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The request's language. Prefer this to <see cref="CultureInfo.CurrentUICulture"/> in code that runs
    /// outside the localisation middleware (exception handlers, status code pages), where the
    /// ambient culture has already been restored.
    /// </summary>
    public static CultureInfo Of(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? Default;
}
