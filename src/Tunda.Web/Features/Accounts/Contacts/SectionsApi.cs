using Tunda.Domain.Customers;
using Tunda.Web.Platform.Api;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>
/// The account's sections whose content comes later, already behind their permission: each list is
/// empty for now, but only a main account or a contact holding the permission gets it.
/// </summary>
internal static class SectionsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApi(tag: "Sections");
        Section(api, "/services", Permissions.ViewServices);
        Section(api, "/domains", Permissions.ViewDomains);
        Section(api, "/orders", Permissions.Orders);
        Section(api, "/invoices", Permissions.Invoices);
    }

    private static void Section(RouteGroupBuilder api, string path, Permissions permission) =>
        api.MapGet(path, () => Results.Ok(Array.Empty<object>())).RequirePermission(permission);
}
