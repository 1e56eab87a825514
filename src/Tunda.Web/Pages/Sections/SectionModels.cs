using Microsoft.AspNetCore.Mvc.RazorPages;
using Tunda.Domain.Customers;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Pages.Sections;

/// <summary>
/// A section of the customer area whose content comes later. The permission guard is already the
/// real one: a contact without the permission gets 403, not an empty page.
/// </summary>
public abstract class ComingSoonModel(string section) : PageModel
{
    /// <summary>Text key of the section's name (sections.&lt;name&gt;).</summary>
    public string TitleKey { get; } = "sections." + section;
}

[RequirePermission(Permissions.ViewServices)]
public sealed class ServicesModel() : ComingSoonModel("services");

[RequirePermission(Permissions.ViewDomains)]
public sealed class DomainsModel() : ComingSoonModel("domains");

[RequirePermission(Permissions.Orders)]
public sealed class OrdersModel() : ComingSoonModel("orders");

[RequirePermission(Permissions.Invoices)]
public sealed class InvoicesModel() : ComingSoonModel("invoices");
