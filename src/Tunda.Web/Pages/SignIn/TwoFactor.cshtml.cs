using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;
using Tunda.Web.Security.Authorization;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Pages.SignIn;

/// <summary><c>/accedi/verifica</c>: the authenticator's code or a recovery code.</summary>
[RequireSessionStage(SessionStage.TwoFactor)]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class TwoFactorModel(SignInFlow flow, Texts texts) : PageModel
{
    [BindProperty]
    [Display(Name = "signin.field.code", Description = "signin.field.code.hint")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var result = await flow.TwoFactorAsync(HttpContext, Code);
        Code = null;
        return SignInSteps.Next(this, result, ReturnUrl, texts, error => Error = result is Tunda.Web.Security.SignIn.SignInResult.Failed ? texts["signin.twoFactor.failed"] : error);
    }
}
