using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Pages.SignIn;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.CustomerArea;

/// <summary>
/// <c>/area-clienti/cambia-account</c>: someone whose e-mail enters several customers moves to another
/// without signing in again. Only accounts that e-mail really reaches and that are not blocked are offered
/// or accepted (the sign-in service checks again); the session's permissions become the new account's.
/// </summary>
[Authorize(Policy = TundaPolicies.Customer)]
public sealed class SwitchAccountModel(SignInFlow flow, IAccountDirectory directory, Texts texts) : PageModel
{
    public IReadOnlyList<AccountAccess> Accounts { get; private set; } = [];

    public Guid? Current => User.GetAccessId();

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(Guid accessId)
    {
        if (await flow.ChooseAccountAsync(HttpContext, accessId) is Tunda.Web.Security.SignIn.SignInResult.SignedIn)
        {
            return Redirect("/area-clienti");
        }

        Error = texts["signin.choose.failed"];
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Accounts = await AccountList.OpenAccountsAsync(directory, User, HttpContext.RequestAborted);
}
