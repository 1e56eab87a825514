using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Contacts;

/// <summary>Invites a contact: the invitation mail leaves with the events.</summary>
[RequirePermission(Permissions.Contacts)]
public sealed class NewModel(ICommandSender bus, Texts texts) : PageModel
{
    [BindProperty]
    public ContactFormInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();   // the decider judges the fields, in the user's language
        var command = new InviteContact(User.GetCustomerId()!.Value, Guid.NewGuid(), Input.Name ?? string.Empty, Input.Email ?? string.Empty,
            Input.PermissionFlags, Input.NotificationFlags, RequestMetadata.AccountActorOf(HttpContext));
        var result = await bus.InvokeAsync(command, RequestMetadata.For(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/contatti?done=invited");
        }

        ContactFormErrors.Show(ModelState, result.Errors, texts);
        Response.StatusCode = ContactFormErrors.StatusFor(result.Errors);
        return Page();
    }
}
