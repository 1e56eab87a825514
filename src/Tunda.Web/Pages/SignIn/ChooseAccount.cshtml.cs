using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Pages.SignIn;

/// <summary><c>/accedi/scegli-account</c>: one login e-mail reaches several customers; the person picks one.</summary>
[RequireSessionStage(SessionStage.AccountChoice)]
public sealed class ChooseAccountModel(SignInFlow flow, IAccountDirectory directory, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<AccountAccess> Accounts { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(Guid accessId)
    {
        var result = await flow.ChooseAccountAsync(HttpContext, accessId);
        await LoadAsync();
        return SignInSteps.Next(this, result, ReturnUrl, texts, _ => Error = texts["signin.choose.failed"]);
    }

    private async Task LoadAsync() =>
        Accounts = await AccountList.OpenAccountsAsync(directory, User, HttpContext.RequestAborted);
}
