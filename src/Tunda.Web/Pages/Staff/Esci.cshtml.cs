using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.SignIn;

namespace Tunda.Web.Pages.Staff;

/// <summary>POST /staff/esci: ends the staff session (also a half-finished sign-in). Never fails.</summary>
[AllowAnonymous]
public sealed class EsciModel(SignInService signIn, ICommandSender bus) : PageModel
{
    public IActionResult OnGet() => Redirect("/staff");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.GetSessionId() is { } sessionId && await signIn.SignOutAsync(sessionId, HttpContext.RequestAborted) is { } loginId)
        {
            await bus.InvokeAsync(new RecordStaffSignOut(loginId), RequestMetadata.For(HttpContext), HttpContext.RequestAborted);
        }

        SessionCookies.DeleteSession(Response);
        return Redirect("/staff/accedi");
    }
}
