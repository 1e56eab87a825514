using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Profile;
using Tunda.Web.Platform;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Pages.Profile;

/// <summary>
/// The link from the new mailbox. The token is the proof (the change was asked with the password), so
/// it works in any browser; GET only shows the button, so a mail scanner opening the link changes nothing.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PasswordReset)]
public sealed class EmailConfirmModel(ICommandSender bus, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? NewEmail { get; private set; }

    public List<Alert> Alerts { get; } = [];

    public void OnGet()
    {
        if (string.IsNullOrEmpty(Token))
        {
            Alerts.Add(new Alert(AlertKind.Error, texts["profile.error.password.token_invalid"]));
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await bus.InvokeAsync(new ConfirmLoginEmailWithToken(Token ?? string.Empty, Languages.Of(HttpContext).TwoLetterISOLanguageName), RequestMetadata.For(HttpContext));
        if (result.Succeeded)
        {
            NewEmail = (string)result.Value!;
            Alerts.Add(new Alert(AlertKind.Success, texts["profile.emailConfirm.done", NewEmail]));
            return Page();
        }

        Token = null;
        Alerts.AddRange(result.Errors.Select(e => new Alert(AlertKind.Error, ProfileErrors.Text(texts, e))));
        return Page();
    }
}
