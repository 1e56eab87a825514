using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Customers;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Tickets;

public sealed class ReplyForm
{
    [Display(Name = "tickets.field.reply")]
    [DataType(DataType.MultilineText)]
    public string? Text { get; set; }

    public List<IFormFile> Attachments { get; set; } = [];
}

/// <summary>/area-clienti/ticket/{number}: the public thread, the reply form, close and reopen. Another customer's number is a 404.</summary>
[RequirePermission(Permissions.Tickets)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class ThreadModel(IQuerySession session, ICommandSender bus, HelpdeskOptions options, Texts texts) : PageModel
{
    private static readonly string[] Outcomes = ["aperto", "risposta", "chiuso", "riaperto"];

    [BindProperty]
    public ReplyForm Input { get; set; } = new();

    public TicketThread Thread { get; private set; } = null!;

    public HelpdeskOptions Options => options;

    public string? Done { get; private set; }

    public bool CanReopen => Thread.State.Status == Domain.Tickets.TicketStatus.Closed && Thread.State.ClosedAt is { } closed && DateTimeOffset.UtcNow - closed <= options.ReopenWithin;

    public async Task<IActionResult> OnGetAsync(string number, string? fatto, CancellationToken cancellationToken)
    {
        if (await CustomerTickets.FindAsync(session, User, number, cancellationToken) is not { } thread)
        {
            return NotFound();
        }

        Thread = thread;
        Done = fatto is not null && Outcomes.Contains(fatto) ? "tickets.done." + fatto : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string number, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var uploads = await Uploads.ReadAsync(Input.Attachments, options.MaxAttachmentBytes, cancellationToken);
        return await ActAsync(number, "risposta", thread => new ReplyAsCustomer(thread.TicketId, User.GetAccessId()!.Value, Input.Text ?? string.Empty, uploads), cancellationToken);
    }

    public Task<IActionResult> OnPostCloseAsync(string number, CancellationToken cancellationToken) =>
        ActAsync(number, "chiuso", thread => new CloseAsCustomer(thread.TicketId, User.GetAccessId()!.Value), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(string number, CancellationToken cancellationToken) =>
        ActAsync(number, "riaperto", thread => new ReopenAsCustomer(thread.TicketId, User.GetAccessId()!.Value), cancellationToken);

    private async Task<IActionResult> ActAsync(string number, string outcome, Func<TicketThread, object> command, CancellationToken cancellationToken)
    {
        if (await CustomerTickets.FindAsync(session, User, number, cancellationToken) is not { } thread)
        {
            return NotFound();
        }

        var result = await bus.InvokeAsync(command(thread), RequestMetadata.For(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/area-clienti/ticket/{thread.Number}?fatto={outcome}");
        }

        Thread = thread;
        TicketPageErrors.Show(ModelState, result, texts);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
