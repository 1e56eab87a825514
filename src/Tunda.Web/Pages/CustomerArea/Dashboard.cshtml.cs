using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Tunda.Domain.Customers;
using Tunda.Projections.Tickets;
using Tunda.Web.Configuration;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Pages.CustomerArea;

/// <summary>A section of the customer area and the permission that opens it.</summary>
public sealed record DashboardLink(string Href, string TextKey, Permissions Needs);

/// <summary><c>/area-clienti</c>: greeting, the customer entered, and the sections the session may open.</summary>
[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DashboardModel(IDocumentStore store, IAccountDirectory directory) : PageModel
{
    public static IReadOnlyList<DashboardLink> Sections { get; } =
    [
        new("/area-clienti/servizi", "dashboard.services", Permissions.ViewServices),
        new("/area-clienti/domini", "dashboard.domains", Permissions.ViewDomains),
        new("/area-clienti/ordini", "dashboard.orders", Permissions.Orders),
        new("/area-clienti/fatture", "dashboard.invoices", Permissions.Invoices),
        new("/area-clienti/ticket", "dashboard.tickets", Permissions.Tickets),
        new("/contatti", "dashboard.contacts", Permissions.Contacts),
        new("/profilo", "dashboard.profile", Permissions.Profile),
    ];

    public string PersonName { get; private set; } = string.Empty;

    public string CustomerName { get; private set; } = string.Empty;

    public IReadOnlyList<DashboardLink> Links { get; private set; } = [];

    /// <summary>The tickets tile, for sessions that may see tickets.</summary>
    public CustomerTicketCounts? Tickets { get; private set; }

    /// <summary>The e-mail enters more than one open account: offer /area-clienti/cambia-account.</summary>
    public bool CanSwitchAccount { get; private set; }

    public async Task OnGetAsync()
    {
        var access = await SignedInAccount.FindAsync(store, User.GetAccessId(), HttpContext.RequestAborted);
        PersonName = access?.Name ?? User.GetEmail() ?? string.Empty;
        CustomerName = access?.CustomerName ?? string.Empty;
        var permissions = User.GetPermissions();
        Links = [.. Sections.Where(s => (permissions & s.Needs) == s.Needs)];
        if (permissions.HasFlag(Permissions.Tickets) && User.GetCustomerId() is { } customerId)
        {
            await using var session = store.QuerySession();
            Tickets = await TicketQueries.CustomerCountsAsync(session, customerId, HttpContext.RequestAborted);
        }

        CanSwitchAccount = (await Tunda.Web.Pages.SignIn.AccountList.OpenAccountsAsync(directory, User, HttpContext.RequestAborted)).Count > 1;
    }
}
