using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Customers;
using Tunda.Domain.Tickets;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Tickets;

/// <summary>/area-clienti/ticket: the account's tickets, latest activity first, filtered by status and department (in the query string, so Back keeps them).</summary>
[RequirePermission(Permissions.Tickets)]
public sealed class IndexModel(IQuerySession session, HelpdeskOptions options) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public TicketStatus? Stato { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reparto { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public IPagedList<TicketInboxRow>? Tickets { get; private set; }

    public HelpdeskOptions Options => options;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var department = options.Find(Reparto)?.Key;
        Tickets = await TicketQueries.ForCustomerAsync(session, User.GetCustomerId()!.Value, Stato, department, Math.Max(Pagina, 1), PageSize, cancellationToken);
    }

    public string PageLink(long page) => $"/area-clienti/ticket?stato={Stato}&reparto={Uri.EscapeDataString(Reparto ?? "")}&pagina={page}";
}
