using Microsoft.AspNetCore.Mvc;
using Tunda.Domain.Staff;
using Tunda.Web.Features.Accounts.Staff;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Staff;

/// <summary>/staff/clienti?q=: customers by name, company, e-mail, codice fiscale or partita IVA.</summary>
[RequireStaffRole(StaffRoles.Support | StaffRoles.Billing | StaffRoles.Administrator | StaffRoles.Auditor)]
public sealed class ClientiModel(CustomerSearch search, Texts texts) : StaffPageModel(texts)
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<CustomerSearchHit> Hits { get; private set; } = [];

    public async Task OnGetAsync() => Hits = await search.FindAsync(Query?.Length > 200 ? Query[..200] : Query, HttpContext.RequestAborted);
}
