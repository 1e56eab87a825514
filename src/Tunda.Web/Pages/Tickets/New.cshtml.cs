using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tunda.Domain.Customers;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Platform.RateLimits;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Tickets;

/// <summary>/area-clienti/ticket/nuovo: opens a ticket (<see cref="OpenCustomerTicket"/>), warning first when the message is too generic.</summary>
[RequirePermission(Permissions.Tickets)]
[EnableRateLimiting(RateLimitPolicies.Ticket)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class NewModel(ICommandSender bus, HelpdeskOptions options, Texts texts) : PageModel
{
    [BindProperty]
    public NewTicketForm Input { get; set; } = new();

    public HelpdeskOptions Options => options;

    /// <summary>Set when the message looked too generic: the form comes back with the warning and a "send anyway".</summary>
    public bool ShowGenericWarning { get; private set; }

    public void OnGet(string? reparto) => Input.Department = options.Find(reparto)?.Key ?? options.Departments[0].Key;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();   // the decider judges the fields, in the user's language
        if (!Input.Confirmed && Input.LooksGeneric())
        {
            ShowGenericWarning = true;
            Input.Confirmed = true;
            return Page();
        }

        var uploads = await Uploads.ReadAsync(Input.Attachments, options.MaxAttachmentBytes, cancellationToken);
        var command = new OpenCustomerTicket(Guid.CreateVersion7(), User.GetCustomerId()!.Value, User.GetAccessId()!.Value, Input.Department ?? string.Empty,
            Input.Subject ?? string.Empty, Input.FullText(key => texts[key]), null, uploads);
        var result = await bus.InvokeAsync(command, RequestMetadata.For(HttpContext), cancellationToken);
        if (result.Succeeded && result.Value is TicketCreated created)
        {
            return Redirect($"/area-clienti/ticket/{created.Number}?fatto=aperto");
        }

        TicketPageErrors.Show(ModelState, result, texts);
        Response.StatusCode = result.Errors.Any(e => e == TicketAuthors.NotAllowed) ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
