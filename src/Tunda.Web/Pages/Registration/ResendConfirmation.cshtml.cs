using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Domain.Identity;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Pages.Registration;

/// <summary>A new confirmation link for a registration whose mail was lost or expired; the same answer for any address.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Register)]
public sealed class ResendConfirmationModel(ICommandSender bus, Texts texts) : PageModel
{
    [BindProperty]
    public ResendInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet(int? inviato) => Sent = inviato == 1;

    public async Task<IActionResult> OnPostAsync()
    {
        if (EmailAddress.Parse(Input.Email).Value is null)
        {
            ModelState.AddModelError("Input.Email", texts["register.resend.invalidEmail"]);
            return Page();
        }

        await bus.PublishAsync(new ConfirmationResendWanted(Input.Email!, Languages.Of(HttpContext).TwoLetterISOLanguageName), RequestMetadata.For(HttpContext));
        return Redirect("/conferma-email/nuovo-link?inviato=1");
    }

    public sealed class ResendInput
    {
        [Display(Name = "register.resend.email")]
        [DataType(DataType.EmailAddress)]
        public string? Email { get; set; }
    }
}
