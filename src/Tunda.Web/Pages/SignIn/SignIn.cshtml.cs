using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Pages.SignIn;

/// <summary><c>/accedi</c>: e-mail and password, then on to the code, the account choice or the page asked for.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class SignInModel(SignInFlow flow, Texts texts) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() =>
        User.GetStage() == SessionStage.Complete ? LocalRedirect(SignInSteps.Destination(ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var result = await flow.PasswordAsync(HttpContext, Input.Email, Input.Password);
        Input.Password = null;
        return SignInSteps.Next(this, result, ReturnUrl, texts, error => Error = error);
    }

    public sealed class SignInInput
    {
        [Display(Name = "signin.field.email")]
        [DataType(DataType.EmailAddress)]
        public string? Email { get; set; }

        [Display(Name = "signin.field.password")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }
}
