using Marten;
using Microsoft.AspNetCore.Mvc;
using Tunda.Domain.Tickets;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Staff.Tickets;

/// <summary>/staff/ticket: the inbox with its queues (counts), filters and sort in the query string, paged.</summary>
[RequireStaffRole(StaffTicketRoles.Readers)]
public sealed class InboxModel(IQuerySession session, HelpdeskOptions options, QueueCountsCache counts, Texts texts) : StaffPageModel(texts)
{
    public const int PageSize = 25;

    /// <summary>"attesa" (awaiting staff), "cliente" (awaiting customer), "mie", "libere" (unassigned), "verifica" (held), "chiusi"; empty = all being worked.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Coda { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reparto { get; set; }

    [BindProperty(SupportsGet = true)]
    public TicketPriority? Priorita { get; set; }

    /// <summary>"attesa": longest wait first; otherwise latest activity first.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Ordine { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    /// <summary>Words to find in subjects and messages; when given, the results replace the queue.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public const int SearchLimit = 50;

    public IReadOnlyList<TicketInboxRow>? Found { get; private set; }

    public InboxPage? Tickets { get; private set; }

    public QueueCounts Counts { get; private set; } = new(0, 0, 0, 0, 0, 0);

    public HelpdeskOptions Options => options;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.GetStaffId();
        var filter = new InboxFilter
        {
            Department = options.Find(Reparto)?.Key,
            Priority = Priorita,
            ByWaitingTime = Ordine == "attesa",
            Status = Coda switch
            {
                "attesa" => TicketStatus.AwaitingStaff,
                "cliente" => TicketStatus.AwaitingCustomer,
                "verifica" => TicketStatus.Held,
                "chiusi" => TicketStatus.Closed,
                _ => null,
            },
            AssigneeId = Coda == "mie" ? me : null,
            UnassignedOnly = Coda == "libere",
        };
        Counts = await counts.GetAsync(session, me, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Found = await TicketQueries.SearchAsync(session, Q.Trim(), SearchLimit, cancellationToken);
            return;
        }

        Tickets = await TicketQueries.InboxAsync(session, filter, Math.Max(Pagina, 1), PageSize, cancellationToken);
    }

    public string Link(string? coda = null, long? page = null) =>
        $"/staff/ticket?coda={coda ?? Coda}&reparto={Uri.EscapeDataString(Reparto ?? "")}&priorita={Priorita}&ordine={Ordine}&pagina={page ?? 1}";
}
