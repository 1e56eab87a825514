using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Customers;
using Tunda.Web.Features.Accounts.Contacts;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using AccountAccess = Tunda.Projections.AccountAccess;

namespace Tunda.Web.Pages.Contacts;

[RequirePermission(Permissions.Contacts)]
public sealed class IndexModel(ContactDirectory directory) : PageModel
{
    private static readonly string[] Outcomes = ["invited", "saved", "blocked", "unblocked", "deleted"];

    public IReadOnlyList<AccountAccess> Contacts { get; private set; } = [];

    /// <summary>The text key of what the previous form just did, if anything.</summary>
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done is not null && Outcomes.Contains(done) ? "contacts.done." + done : null;
        Contacts = await directory.ListAsync(User.GetCustomerId()!.Value, cancellationToken);
    }
}
