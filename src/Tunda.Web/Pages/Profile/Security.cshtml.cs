using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Logins;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Profile;
using Tunda.Web.Platform;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Pages.Profile;

/// <summary>Two-factor for the signed-in login: turn on with a code from the app, turn off with the password, new recovery codes.</summary>
[Authorize]
public sealed class SecurityModel(ICommandSender bus, TwoFactorSetup setup, CredentialStore credentials, Texts texts) : PageModel
{
    [BindProperty]
    public SecurityInput Input { get; set; } = new();

    public bool Enabled { get; private set; }

    public TotpEnrolment? Enrolment { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public List<Alert> Alerts { get; } = [];

    private LoginRealm Realm => User.GetRealm() ?? LoginRealm.Customer;

    private string Email => User.GetEmail()!;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostBeginAsync()
    {
        Enrolment = await setup.BeginAsync(Realm, Email, HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var result = await bus.InvokeAsync(new ConfirmOwnTwoFactor(Realm, Email, Input.Code), RequestMetadata.For(HttpContext));
        var page = await AfterAsync(result, "profile.security.enabled");
        if (!result.Succeeded && await credentials.FindAsync(Realm, Email, cancellationToken: HttpContext.RequestAborted) is { TwoFactorEnabled: false, TotpSecret: { } pending } credential)
        {
            Enrolment = TotpEnrolment.For(credential.Email, pending);   // the pending secret stays: try another code
        }

        return page;
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var result = await bus.InvokeAsync(new DisableOwnTwoFactor(Realm, Email, Input.Password), RequestMetadata.For(HttpContext));
        return await AfterAsync(result, "profile.security.disabled");
    }

    public async Task<IActionResult> OnPostRegenerateAsync()
    {
        var result = await bus.InvokeAsync(new RegenerateOwnRecoveryCodes(Realm, Email), RequestMetadata.For(HttpContext));
        return await AfterAsync(result, "profile.security.regenerated");
    }

    private async Task<IActionResult> AfterAsync(InvokeResult result, string done)
    {
        ModelState.Clear();
        Input = new SecurityInput();
        if (result.Succeeded)
        {
            RecoveryCodes = result.Value as IReadOnlyList<string>;
            Alerts.Add(new Alert(AlertKind.Success, texts[done]));
        }
        else
        {
            Alerts.AddRange(result.Errors.Select(e => new Alert(AlertKind.Error, ProfileErrors.Text(texts, e))));
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Enabled = (await credentials.FindAsync(Realm, Email, cancellationToken: HttpContext.RequestAborted))?.TwoFactorEnabled == true;

    public sealed class SecurityInput
    {
        [Display(Name = "profile.field.code")]
        public string? Code { get; set; }

        [Display(Name = "profile.field.currentPassword")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }
}
