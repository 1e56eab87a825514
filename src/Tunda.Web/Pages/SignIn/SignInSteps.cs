using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Platform.Localisation;
using SignInResult = Tunda.Web.Security.SignIn.SignInResult;

namespace Tunda.Web.Pages.SignIn;

/// <summary>Where each sign-in result leads a page, and the message it shows when it stays.</summary>
internal static class SignInSteps
{
    public const string Dashboard = "/area-clienti";

    /// <summary>The page asked for when it is on this site; the dashboard otherwise.</summary>
    public static string Destination(string? returnUrl) => LocalUrl.IsLocal(returnUrl) ? returnUrl! : Dashboard;

    public static IActionResult Next(PageModel page, SignInResult result, string? returnUrl, Texts texts, Action<string> showError)
    {
        var query = LocalUrl.IsLocal(returnUrl) ? "?returnUrl=" + Uri.EscapeDataString(returnUrl!) : string.Empty;
        switch (result)
        {
            case SignInResult.SignedIn:
                return page.LocalRedirect(Destination(returnUrl));
            case SignInResult.NeedsTwoFactor:
                return page.LocalRedirect("/accedi/verifica" + query);
            case SignInResult.NeedsAccountChoice:
                return page.LocalRedirect("/accedi/scegli-account" + query);
            case SignInResult.Throttled throttled:
                showError(texts["signin.throttled", RegistrationProblems.Wait(throttled.RetryAfter, CultureInfo.CurrentCulture)]);
                page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return page.Page();
            case SignInResult.Blocked:
                showError(texts["signin.blocked"]);
                return page.Page();
            default:
                showError(texts["signin.failed"]);
                return page.Page();
        }
    }
}
