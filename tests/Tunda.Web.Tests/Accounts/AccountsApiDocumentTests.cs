using System.Net;
using System.Text.Json;

namespace Tunda.Web.Tests.Accounts;

/// <summary>Every accounts action a page offers is also in the API, and the OpenAPI document says so.</summary>
public sealed class AccountsApiDocumentTests
{
    private static readonly string[] AccountRoutes =
    [
        "/api/customers", "/api/customers/confirm-email", "/api/customers/confirm-email/resend",
        "/api/session", "/api/session/two-factor", "/api/session/account", "/api/me",
        "/api/password/forgot", "/api/password/reset", "/api/username/recover",
        "/api/profile", "/api/profile/email", "/api/profile/email/confirm", "/api/profile/password", "/api/profile/two-factor",
        "/api/contacts", "/api/contacts/{id}", "/api/contacts/{id}/block", "/api/contacts/{id}/unblock", "/api/invitations/accept",
        "/api/invoices", "/api/services", "/api/domains", "/api/orders", "/api/tickets",
        "/api/staff/members", "/api/staff/customers", "/api/staff/customers/{customerId}", "/api/staff/customers/{customerId}/block",
    ];

    [Fact]
    public async Task the_openapi_document_lists_every_accounts_route()
    {
        await using var app = await AccountsApp.StartAsync();

        var response = await app.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        AccountRoutes.Where(route => !paths.Contains(route)).ShouldBeEmpty();
    }
}
