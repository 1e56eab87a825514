using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.SignIn;
using SignInResult = Tunda.Web.Security.SignIn.SignInResult;

namespace Tunda.Web.Pages.Staff;

/// <summary>/staff/accedi/verifica: the code from the authenticator, or one recovery code.</summary>
[RequireSessionStage(SessionStage.TwoFactor)]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class VerificaModel(SignInService signIn, ICommandSender bus, Texts texts) : StaffPageModel(texts)
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

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

        var result = await signIn.VerifyTwoFactorAsync(User.GetSessionId()!, Input.Code, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        switch (result)
        {
            case SignInResult.SignedIn signedIn:
                await bus.InvokeAsync(new RecordStaffSignIn(signedIn.Session.LoginId, signedIn.UsedRecoveryCode), RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
                return LocalRedirect(StaffSignInSteps.LocalReturnUrl(ReturnUrl));
            case SignInResult.Blocked:
                SessionCookies.DeleteSession(Response);
                Notice = Text("staff.signin.blocked");
                return Redirect("/staff/accedi");
            case SignInResult.Throttled throttled:
                ModelState.AddModelError(string.Empty, Texts["staff.signin.throttled", (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds)]);
                return Page();
            default:
                ModelState.AddModelError("Input.Code", Text("staff.twofactor.wrong"));
                return Page();
        }
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "staff.field.required")]
        [StringLength(40, ErrorMessage = "staff.field.too_long")]
        [Display(Name = "staff.field.code", Description = "staff.field.code.hint")]
        public string Code { get; set; } = "";
    }
}
