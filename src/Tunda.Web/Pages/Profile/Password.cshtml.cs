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

namespace Tunda.Web.Pages.Profile;

/// <summary>Whoever is signed in (main account or contact) changes their own login's password; their other sessions end.</summary>
[Authorize]
public sealed class PasswordModel(ICommandSender bus, Texts texts) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public List<Alert> Alerts { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await bus.InvokeAsync(
            new ChangeOwnPassword(User.GetRealm() ?? LoginRealm.Customer, User.GetEmail()!, Input.CurrentPassword ?? string.Empty, Input.NewPassword ?? string.Empty,
                Input.Confirmation ?? string.Empty, User.GetSessionId(), Languages.Of(HttpContext).TwoLetterISOLanguageName),
            RequestMetadata.For(HttpContext));
        ModelState.Clear();   // passwords are never sent back
        Input = new PasswordInput();
        if (result.Succeeded)
        {
            Alerts.Add(new Alert(AlertKind.Success, texts["profile.password.done"]));
            return Page();
        }

        var errors = result.Errors.Select(e => e.Field == "password" ? e.For("newPassword") : e);
        Alerts.AddRange(PageErrors.Add(ModelState, texts, errors, ["CurrentPassword", "NewPassword", "Confirmation"]).Select(t => new Alert(AlertKind.Error, t)));
        return Page();
    }

    public sealed class PasswordInput
    {
        [Display(Name = "profile.field.currentPassword")]
        [DataType(DataType.Password)]
        public string? CurrentPassword { get; set; }

        [Display(Name = "password.field.new")]
        [DataType(DataType.Password)]
        public string? NewPassword { get; set; }

        [Display(Name = "password.field.confirmation")]
        [DataType(DataType.Password)]
        public string? Confirmation { get; set; }
    }
}
