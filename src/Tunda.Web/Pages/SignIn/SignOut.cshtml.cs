using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Web.Features.Accounts.Registration;

namespace Tunda.Web.Pages.SignIn;

/// <summary><c>/esci</c>: signing out is a POST (with antiforgery), so no link on another site can do it.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInFlow flow) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await flow.SignOutAsync(HttpContext);
        return LocalRedirect("/");
    }
}
