using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Accounts.Contacts;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;
using AccountAccess = Tunda.Projections.AccountAccess;

namespace Tunda.Web.Pages.Contacts;

/// <summary>Asks before deleting a contact; the deletion ends its sessions and voids its invitation.</summary>
[RequirePermission(Permissions.Contacts)]
public sealed class DeleteModel(ICommandSender bus, ContactDirectory directory, Texts texts) : PageModel
{
    public AccountAccess? Contact { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } contact)
        {
            return NotFound();
        }

        var result = await bus.InvokeAsync(new DeleteContact(contact.CustomerId, id, RequestMetadata.AccountActorOf(HttpContext)), RequestMetadata.For(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/contatti?done=deleted");
        }

        Error = ContactErrorTexts.Text(texts, result.Error!);
        Response.StatusCode = ContactFormErrors.StatusFor(result.Errors);
        return Page();
    }

    private async Task<AccountAccess?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Contact = await directory.FindAsync(User.GetCustomerId()!.Value, id, cancellationToken);
}
