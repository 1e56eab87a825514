using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Contacts;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Pages.Invitation;

public enum InvitationState
{
    Open,
    Invalid,
    Accepted,
}

/// <summary>
/// The invitation link's page: the account that invites, and a password to choose unless the e-mail
/// already signs in somewhere (then accepting is enough and the account is offered at sign-in).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.ContactInvitation)]
public sealed class AcceptModel(InvitationAcceptance acceptance, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "invitation.field.password")]
    public string? Password { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "invitation.field.passwordConfirm")]
    public string? PasswordConfirm { get; set; }

    public InvitationState State { get; private set; }

    public string CustomerName { get; private set; } = string.Empty;

    public string Email { get; private set; } = string.Empty;

    public bool HasLogin { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await DescribeAsync(cancellationToken);

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await DescribeAsync(cancellationToken))
        {
            return;
        }

        if (!HasLogin && Password != PasswordConfirm)
        {
            ModelState.AddModelError(nameof(PasswordConfirm), texts["invitation.passwordMismatch"]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }

        switch (await acceptance.AcceptAsync(Token, Password, RequestMetadata.For(HttpContext), cancellationToken))
        {
            case AcceptanceResult.Accepted:
                State = InvitationState.Accepted;
                break;
            case AcceptanceResult.WeakPassword weak:
                foreach (var error in weak.Errors)
                {
                    ModelState.AddModelError(nameof(Password), ContactErrorTexts.Text(texts, error));
                }

                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            default:
                State = InvitationState.Invalid;
                Response.StatusCode = StatusCodes.Status410Gone;
                break;
        }
    }

    private async Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        if (await acceptance.DescribeAsync(Token, cancellationToken) is not { } described)
        {
            State = InvitationState.Invalid;
            Response.StatusCode = StatusCodes.Status410Gone;
            return false;
        }

        CustomerName = described.CustomerName;
        Email = described.Invitation.Email;
        HasLogin = described.HasLogin;
        return true;
    }
}
