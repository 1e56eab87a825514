using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.SignIn;
using SignInResult = Tunda.Web.Security.SignIn.SignInResult;
using Microsoft.AspNetCore.RateLimiting;

namespace Tunda.Web.Pages.Staff;

/// <summary>/staff/accedi: e-mail and password; the second factor (or its enrolment) always follows.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class AccediModel(SignInService signIn, ICommandSender bus, Texts texts) : StaffPageModel(texts)
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(
            LoginRealm.Staff, Input.Email, Input.Password, HttpContext.Connection.RemoteIpAddress,
            SessionCookies.ReadDevice(Request, LoginRealm.Staff), HttpContext.RequestAborted);
        SignInCookies.Write(Response, result);
        var next = StaffSignInSteps.LocalReturnUrl(ReturnUrl);
        switch (result)
        {
            case SignInResult.MustEnrolTwoFactor:
                return Redirect(StaffSignInSteps.WithReturnUrl("/staff/accedi/attiva-2fa", next));
            case SignInResult.NeedsTwoFactor:
                return Redirect(StaffSignInSteps.WithReturnUrl("/staff/accedi/verifica", next));
            case SignInResult.SignedIn signedIn:
                await bus.InvokeAsync(new RecordStaffSignIn(signedIn.Session.LoginId, signedIn.UsedRecoveryCode), RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
                return LocalRedirect(next);
            case SignInResult.Blocked:
                ModelState.AddModelError(string.Empty, Text("staff.signin.blocked"));
                return Page();
            case SignInResult.Throttled throttled:
                ModelState.AddModelError(string.Empty, Texts["staff.signin.throttled", (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds)]);
                return Page();
            default:
                ModelState.AddModelError(string.Empty, Text("staff.signin.failed"));
                return Page();
        }
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "staff.field.required")]
        [EmailAddress(ErrorMessage = "staff.field.email.invalid")]
        [Display(Name = "staff.field.email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "staff.field.required")]
        [DataType(DataType.Password)]
        [Display(Name = "staff.field.password")]
        public string Password { get; set; } = "";
    }
}
