using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Pages.Staff;

/// <summary>
/// /staff/accedi/attiva-2fa: staff without an authenticator scan the QR code and type a code; the
/// recovery codes are shown once, on the answer to that POST, and never again.
/// </summary>
[RequireSessionStage(SessionStage.TwoFactorEnrolment)]
public sealed class Attiva2faModel(TwoFactorSetup setup, CredentialStore credentials, ICommandSender bus, Texts texts) : StaffPageModel(texts)
{
    [BindProperty]
    public EnrolInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public TotpEnrolment? Enrolment { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string Continue => StaffSignInSteps.LocalReturnUrl(ReturnUrl);

    public async Task OnGetAsync() => Enrolment = await PendingAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await bus.InvokeAsync(new ConfirmStaffTwoFactor(User.GetSessionId()!, User.GetEmail()!, Input.Code), RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
            if (result.Value is StaffRecoveryCodes codes)
            {
                RecoveryCodes = codes.Codes;
                return Page();
            }

            ShowErrors(result);
        }

        Enrolment = await PendingAsync();
        return Page();
    }

    /// <summary>The secret already shown (a reload must not invalidate the app just scanned), or a fresh one.</summary>
    private async Task<TotpEnrolment?> PendingAsync()
    {
        var email = User.GetEmail()!;
        var credential = await credentials.FindAsync(LoginRealm.Staff, email, cancellationToken: HttpContext.RequestAborted);
        return credential is { TwoFactorEnabled: false, TotpSecret: { } secret }
            ? TotpEnrolment.For(credential.Email, secret)
            : await setup.BeginAsync(LoginRealm.Staff, email, HttpContext.RequestAborted);
    }

    public sealed class EnrolInput
    {
        [Required(ErrorMessage = "staff.field.required")]
        [StringLength(10, ErrorMessage = "staff.field.too_long")]
        [Display(Name = "staff.field.totp", Description = "staff.field.totp.hint")]
        public string Code { get; set; } = "";
    }
}
