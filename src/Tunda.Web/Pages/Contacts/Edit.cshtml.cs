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

/// <summary>Name, permissions and notifications of one of the customer's contacts; block and unblock.</summary>
[RequirePermission(Permissions.Contacts)]
public sealed class EditModel(ICommandSender bus, ContactDirectory directory, Texts texts) : PageModel
{
    [BindProperty]
    public ContactFormInput Input { get; set; } = new();

    public AccountAccess? Contact { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } contact)
        {
            return NotFound();
        }

        Input = ContactFormInput.From(contact);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(id, c => new ChangeContact(c.CustomerId, id, Input.Name ?? string.Empty, Input.PermissionFlags, Input.NotificationFlags, RequestMetadata.AccountActorOf(HttpContext)), "saved", cancellationToken);

    public Task<IActionResult> OnPostBlockAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(id, c => new BlockContact(c.CustomerId, id, RequestMetadata.AccountActorOf(HttpContext)), "blocked", cancellationToken);

    public Task<IActionResult> OnPostUnblockAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(id, c => new UnblockContact(c.CustomerId, id, RequestMetadata.AccountActorOf(HttpContext)), "unblocked", cancellationToken);

    private async Task<IActionResult> SendAsync(Guid id, Func<AccountAccess, object> command, string done, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (await FindAsync(id, cancellationToken) is not { } contact)
        {
            return NotFound();
        }

        var result = await bus.InvokeAsync(command(contact), RequestMetadata.For(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/contatti?done=" + done);
        }

        Contact = contact;
        if (done != "saved")
        {
            Input = ContactFormInput.From(contact);
        }

        ContactFormErrors.Show(ModelState, result.Errors, texts);
        Response.StatusCode = ContactFormErrors.StatusFor(result.Errors);
        return Page();
    }

    private async Task<AccountAccess?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Contact = await directory.FindAsync(User.GetCustomerId()!.Value, id, cancellationToken);
}
