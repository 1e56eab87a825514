using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Profile;
using Tunda.Web.Platform;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Profile;

/// <summary>The main account moves its login to another address, confirmed from that mailbox. Contacts cannot.</summary>
[RequirePermission(Permissions.Profile)]
public sealed class EmailModel(ICommandSender bus, Texts texts) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public List<Alert> Alerts { get; } = [];

    public IActionResult OnGet() => User.GetContactId() is null ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.GetContactId() is not null)
        {
            return Forbid();
        }

        var result = await bus.InvokeAsync(
            new StartLoginEmailChange(User.GetCustomerId()!.Value, Input.NewEmail ?? string.Empty, Input.Password ?? string.Empty, Languages.Of(HttpContext).TwoLetterISOLanguageName),
            RequestMetadata.For(HttpContext));
        if (result.Succeeded)
        {
            Alerts.Add(new Alert(AlertKind.Success, texts["profile.email.sent", result.Value]));
            Input = new EmailInput();
            ModelState.Clear();
            return Page();
        }

        Alerts.AddRange(PageErrors.Add(ModelState, texts, result.Errors.Select(e => e.Field == "email" ? e.For("newEmail") : e), ["NewEmail", "Password"]).Select(t => new Alert(AlertKind.Error, t)));
        return Page();
    }

    public sealed class EmailInput
    {
        [Display(Name = "profile.field.newEmail")]
        [DataType(DataType.EmailAddress)]
        public string? NewEmail { get; set; }

        [Display(Name = "profile.field.currentPassword")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }
}
