using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Pages.Registration;

/// <summary>
/// <c>/conferma-email?token=</c>: the GET only shows a button (mail scanners follow links), the POST
/// confirms, consuming the token once.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Register)]
public sealed class ConfirmEmailModel(ICommandSender bus) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool? Confirmed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await bus.InvokeAsync(new ConfirmEmailWithToken(Token), RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
        Confirmed = result.Succeeded;
        Token = null;
        return Page();
    }
}
