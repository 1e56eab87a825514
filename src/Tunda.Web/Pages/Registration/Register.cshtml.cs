using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Pages.Registration;

/// <summary><c>/registrati</c>: the registration form; accepted or not, an address in use is never revealed.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Register)]
public sealed class RegisterModel(CustomerRegistration registration) : PageModel
{
    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    /// <summary>Set after a registration was accepted: the page says "check your mailbox".</summary>
    [BindProperty(SupportsGet = true, Name = "inviata")]
    public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Every rule lives in the domain; binding hiccups (a non-boolean checkbox) are judged there too.
        ModelState.Clear();
        var outcome = await registration.RegisterAsync(Input, HttpContext);
        if (outcome.Accepted)
        {
            return RedirectToPage(new { inviata = true });
        }

        foreach (var error in outcome.Errors)
        {
            ModelState.AddModelError(RegistrationFieldErrors.ModelStateKey(error.Field), error.Message);
        }

        Input.Password = Input.PasswordConfirmation = null;
        return Page();
    }
}
