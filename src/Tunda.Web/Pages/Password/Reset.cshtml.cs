using System.ComponentModel.DataAnnotations;
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

namespace Tunda.Web.Pages.Password;

/// <summary>The page of the reset link: a new password, set once per token.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PasswordReset)]
public sealed class ResetModel(ICommandSender bus, Texts texts) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public List<Alert> Alerts { get; } = [];

    public bool Done { get; private set; }

    public void OnGet(string? token) => Input.Token = token;

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await bus.InvokeAsync(
            new ResetPasswordWithToken(Input.Token ?? string.Empty, Input.Password ?? string.Empty, Input.Confirmation ?? string.Empty, Languages.Of(HttpContext).TwoLetterISOLanguageName),
            RequestMetadata.For(HttpContext));
        if (result.Succeeded)
        {
            Done = true;
            Alerts.Add(new Alert(AlertKind.Success, texts["password.reset.done"]));
            return Page();
        }

        if (result.Error?.Code == ProfileErrors.TokenInvalid)
        {
            Input.Token = null;
            Alerts.Add(new Alert(AlertKind.Error, ProfileErrors.Text(texts, result.Error)));
            return Page();
        }

        Alerts.AddRange(PageErrors.Add(ModelState, texts, result.Errors, ["Password", "Confirmation"]).Select(t => new Alert(AlertKind.Error, t)));
        return Page();
    }

    public sealed class ResetInput
    {
        public string? Token { get; set; }

        [Display(Name = "password.field.new")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Display(Name = "password.field.confirmation")]
        [DataType(DataType.Password)]
        public string? Confirmation { get; set; }
    }
}
