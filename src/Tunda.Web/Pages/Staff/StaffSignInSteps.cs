using Microsoft.AspNetCore.WebUtilities;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Pages.Staff;

/// <summary>Where each step of the staff sign-in goes next: only back inside /staff, never elsewhere.</summary>
internal static class StaffSignInSteps
{
    public const string Home = "/staff";

    public static string LocalReturnUrl(string? returnUrl) =>
        LocalUrl.IsLocal(returnUrl) && returnUrl!.StartsWith("/staff", StringComparison.OrdinalIgnoreCase) && !returnUrl.StartsWith("/staff/accedi", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : Home;

    public static string WithReturnUrl(string path, string returnUrl) =>
        returnUrl == Home ? path : QueryHelpers.AddQueryString(path, "returnUrl", returnUrl);
}
