using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Profile;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Pages.Password;

/// <summary>Asks for a reset link. The answer is the same redirect whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PasswordReset)]
public sealed class ForgotModel(ICommandSender bus, Texts texts) : PageModel
{
    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet(int? inviato) => Sent = inviato == 1;

    public async Task<IActionResult> OnPostAsync()
    {
        if (ProfileForms.InvalidEmail(Input.Email, "email") is { } invalid)
        {
            PageErrors.Add(ModelState, texts, [invalid], ["Email"]);
            return Page();
        }

        // Queued: the lookup happens after this answer, so its cost does not show in the response time.
        await bus.PublishAsync(new PasswordResetWanted(Input.Email!, Languages.Of(HttpContext).TwoLetterISOLanguageName), RequestMetadata.For(HttpContext));
        return Redirect("/password-dimenticata?inviato=1");
    }

    public sealed class ForgotInput
    {
        [Display(Name = "password.field.email")]
        [DataType(DataType.EmailAddress)]
        public string? Email { get; set; }
    }
}
