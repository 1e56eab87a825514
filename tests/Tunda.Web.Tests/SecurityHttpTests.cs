using System.Net;
using System.Text.Json;
using Tunda.Domain.Customers;
using Tunda.Domain.Staff;
using Tunda.Web.Security.Sessions;
using LoginRealm = Tunda.Domain.Logins.LoginRealm;

namespace Tunda.Web.Tests;

public sealed class SecurityHttpTests : IAsyncLifetime
{
    private SecurityTestHost _host = null!;

    private SessionStore Sessions => _host.Get<SessionStore>();

    public async Task InitializeAsync() => _host = await SecurityTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task an_api_call_without_a_session_gets_401_problem_json()
    {
        var response = await _host.Client().GetAsync(new Uri("/api/fatture", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task a_page_without_a_session_redirects_to_its_realms_login_with_the_return_url()
    {
        var customer = await _host.Client().GetAsync(new Uri("/fatture?anno=2026", UriKind.Relative));
        var staff = await _host.Client().GetAsync(new Uri("/staff/ticket", UriKind.Relative));

        customer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        customer.Headers.Location!.OriginalString.ShouldBe("/accedi?returnUrl=%2Ffatture%3Fanno%3D2026");
        staff.Headers.Location!.OriginalString.ShouldBe("/staff/accedi?returnUrl=%2Fstaff%2Fticket");
    }

    [Fact]
    public async Task a_permission_protected_endpoint_answers_403_without_the_permission_and_200_once_granted()
    {
        var (token, access) = await CustomerSessionAsync(Permissions.Tickets | Permissions.Profile);
        var client = _host.Client(token);

        var api = await client.GetAsync(new Uri("/api/fatture", UriKind.Relative));
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await client.GetAsync(new Uri("/fatture", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        _host.Accounts.Grant(access, Permissions.Invoices);

        var granted = await client.GetAsync(new Uri("/api/fatture", UriKind.Relative));
        granted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await granted.Content.ReadAsStringAsync()).ShouldBe("fatture");
    }

    [Fact]
    public async Task the_principal_carries_the_chosen_accounts_customer_and_permissions()
    {
        var (token, access) = await CustomerSessionAsync(Permissions.Invoices | Permissions.Tickets);
        var customerId = (await _host.Accounts.FindAccessAsync(access))!.CustomerId;

        using var json = JsonDocument.Parse(await _host.Client(token).GetStringAsync(new Uri("/api/io", UriKind.Relative)));

        json.RootElement.GetProperty("customer").GetGuid().ShouldBe(customerId);
        json.RootElement.GetProperty("permissions").GetString().ShouldBe("Invoices, Tickets");
    }

    [Fact]
    public async Task a_revoked_sessions_next_request_is_refused_and_its_cookie_cleared()
    {
        var (token, _) = await CustomerSessionAsync(Permissions.All);
        var client = _host.Client(token);
        (await client.GetAsync(new Uri("/api/fatture", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Sessions.RevokeAsync(SessionStore.IdOf(token));

        var refused = await client.GetAsync(new Uri("/api/fatture", UriKind.Relative));
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("tunda_session=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_blocked_account_is_refused_at_once_and_its_session_ends()
    {
        var (token, access) = await CustomerSessionAsync(Permissions.All);
        var client = _host.Client(token);
        (await client.GetAsync(new Uri("/api/fatture", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        _host.Accounts.Block(access);

        (await client.GetAsync(new Uri("/api/fatture", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Sessions.FindAsync(SessionStore.IdOf(token))).ShouldBeNull();
    }

    [Fact]
    public async Task a_customer_session_is_refused_on_staff_routes_and_a_staff_session_on_customer_routes()
    {
        var (customer, _) = await CustomerSessionAsync(Permissions.All);
        var staff = await StaffSessionAsync(StaffRoles.Support | StaffRoles.Administrator);

        (await _host.Client(customer).GetAsync(new Uri("/api/staff/ticket", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _host.Client(customer).GetAsync(new Uri("/staff/ticket", UriKind.Relative))).Headers.Location!.OriginalString.ShouldStartWith("/staff/accedi");
        (await _host.Client(staff).GetAsync(new Uri("/api/io", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _host.Client(staff).GetAsync(new Uri("/api/staff/ticket", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_session_waiting_for_its_two_factor_code_reaches_only_the_code_route()
    {
        var issued = await Sessions.CreateAsync(Guid.NewGuid(), LoginRealm.Customer, "anna@bianchi.it", twoFactorSatisfied: false, mustEnrolTwoFactor: false);
        var client = _host.Client(issued.Token);

        (await client.GetAsync(new Uri("/api/io", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync(new Uri("/fatture", UriKind.Relative))).Headers.Location!.OriginalString.ShouldBe("/accedi/verifica");
        (await client.GetStringAsync(new Uri("/accedi/verifica", UriKind.Relative))).ShouldBe("codice");
    }

    [Fact]
    public async Task a_session_without_a_chosen_account_is_sent_to_the_account_choice()
    {
        var issued = await Sessions.CreateAsync(Guid.NewGuid(), LoginRealm.Customer, "anna@bianchi.it", twoFactorSatisfied: true, mustEnrolTwoFactor: false);

        var response = await _host.Client(issued.Token).GetAsync(new Uri("/fatture", UriKind.Relative));

        response.Headers.Location!.OriginalString.ShouldBe("/accedi/scegli-account");
        (await _host.Client(issued.Token).GetAsync(new Uri("/accedi/verifica", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task an_auditor_may_read_staff_routes_but_not_post_to_them()
    {
        var auditor = _host.Client(await StaffSessionAsync(StaffRoles.Auditor));
        var support = _host.Client(await StaffSessionAsync(StaffRoles.Support));

        (await auditor.GetAsync(new Uri("/staff/ticket", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.PostAsync(new Uri("/staff/ticket", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await support.PostAsync(new Uri("/staff/ticket", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task administrator_implies_no_other_role()
    {
        var admin = _host.Client(await StaffSessionAsync(StaffRoles.Administrator));

        (await admin.GetAsync(new Uri("/staff/utenti", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync(new Uri("/staff/ticket", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_blocked_staff_member_is_refused_at_once()
    {
        var token = await StaffSessionAsync(StaffRoles.Support, "marco@tunda.it");
        (await _host.Client(token).GetAsync(new Uri("/api/staff/ticket", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        _host.Staff.Block("marco@tunda.it");

        (await _host.Client(token).GetAsync(new Uri("/api/staff/ticket", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_staff_member_who_has_not_enrolled_two_factor_is_sent_to_enrolment()
    {
        _host.Staff.Add("nuovo@tunda.it", StaffRoles.Support);
        var issued = await Sessions.CreateAsync(Guid.NewGuid(), LoginRealm.Staff, "nuovo@tunda.it", twoFactorSatisfied: false, mustEnrolTwoFactor: true);

        var response = await _host.Client(issued.Token).GetAsync(new Uri("/staff/ticket", UriKind.Relative));

        response.Headers.Location!.OriginalString.ShouldBe("/staff/accedi/attiva-2fa");
    }

    private async Task<(string Token, Guid AccessId)> CustomerSessionAsync(Permissions permissions)
    {
        var email = $"{Guid.NewGuid():N}@cliente.it";
        var access = _host.Accounts.Add(email, permissions, contact: true);
        var issued = await Sessions.CreateAsync(Guid.NewGuid(), LoginRealm.Customer, email, twoFactorSatisfied: true, mustEnrolTwoFactor: false);
        await Sessions.ChooseAccountAsync(issued.Session.Id, access.AccessId, access.CustomerId);
        return (issued.Token, access.AccessId);
    }

    private async Task<string> StaffSessionAsync(StaffRoles roles, string? email = null)
    {
        email ??= $"{Guid.NewGuid():N}@tunda.it";
        _host.Staff.Add(email, roles);
        return (await Sessions.CreateAsync(Guid.NewGuid(), LoginRealm.Staff, email, twoFactorSatisfied: true, mustEnrolTwoFactor: false)).Token;
    }
}
