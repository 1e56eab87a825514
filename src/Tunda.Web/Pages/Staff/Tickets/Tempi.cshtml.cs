using Marten;
using Microsoft.AspNetCore.Mvc;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Staff.Tickets;

/// <summary>/staff/ticket/tempi: first-response and resolution times per department over the last days.</summary>
[RequireStaffRole(StaffTicketRoles.Readers)]
public sealed class TempiModel(IQuerySession session, HelpdeskOptions options, TimeProvider clock, Texts texts) : StaffPageModel(texts)
{
    public static readonly int[] Periods = [7, 30, 90, 365];

    [BindProperty(SupportsGet = true)]
    public int Giorni { get; set; } = 30;

    public IReadOnlyList<DepartmentTimes> Times { get; private set; } = [];

    public HelpdeskOptions Options => options;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Giorni = Periods.Contains(Giorni) ? Giorni : 30;
        Times = await TicketQueries.TimesAsync(session, clock.GetUtcNow().AddDays(-Giorni), cancellationToken);
    }

    public static string Hours(double? hours) =>
        hours is not { } h ? "—" : h < 1 ? $"{h * 60:N0} min" : h < 48 ? $"{h:N1} h" : $"{h / 24:N1} g";
}
