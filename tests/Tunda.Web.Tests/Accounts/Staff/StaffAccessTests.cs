using System.Net;
using System.Net.Http.Json;
using Tunda.Domain.Staff;

namespace Tunda.Web.Tests.Accounts.Staff;

public sealed class StaffAccessTests
{
    [Fact]
    public async Task a_member_without_the_administrator_role_gets_403_on_the_member_pages_and_api()
    {
        await using var app = await AccountsApp.StartAsync();
        var (support, _, _) = await StaffKit.SignedInAsync(app, "supporto@tunda.it", StaffRoles.Support | StaffRoles.Billing);

        (await support.GetAsync(new Uri("/staff/membri", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var api = await support.GetAsync(new Uri("/api/staff/members", UriKind.Relative));
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await support.GetAsync(new Uri("/staff/clienti", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_auditor_reads_customers_but_cannot_post_any_action()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("cliente@example.it");
        var (auditor, _, _) = await StaffKit.SignedInAsync(app, "revisore@tunda.it", StaffRoles.Auditor);
        var page = $"/staff/clienti/{customerId}";

        var detail = await auditor.GetAsync(new Uri(page, UriKind.Relative));
        detail.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await detail.Content.ReadAsStringAsync();
        html.ShouldContain("cliente@example.it");
        html.ShouldNotContain("handler=Block");
        var token = Forms.AntiforgeryToken(await (await auditor.GetAsync(new Uri("/staff/clienti", UriKind.Relative))).Content.ReadAsStringAsync());
        var post = await auditor.PostAsync(new Uri($"{page}?handler=Block", UriKind.Relative), new FormUrlEncodedContent([new("Block.Reason", "prova"), new("__RequestVerificationToken", token ?? "")]));
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var api = await auditor.PostAsJsonAsync(new Uri($"/api/staff/customers/{customerId}/password-reset", UriKind.Relative), new { });
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetAsync(new Uri($"/api/staff/customers/{customerId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_customer_session_gets_nothing_under_staff_and_a_staff_session_nothing_in_the_customer_area()
    {
        await using var app = await AccountsApp.StartAsync();
        var customerId = await app.SeedCustomerAsync("curioso@example.it");
        using var customer = await app.SignInAsync("curioso@example.it");
        var (staff, _, _) = await StaffKit.SignedInAsync(app, "tutto@tunda.it", StaffRoles.Administrator | StaffRoles.Support);

        var page = await customer.GetAsync(new Uri($"/staff/clienti/{customerId}", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldStartWith("/staff/accedi");
        (await customer.GetAsync(new Uri("/api/staff/customers?q=curioso", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await customer.GetAsync(new Uri("/staff/membri", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await staff.GetAsync(new Uri("/staff/membri", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var home = await staff.GetStringAsync(new Uri("/", UriKind.Relative));
        home.ShouldNotContain("action=\"/esci\"");
        home.ShouldContain("href=\"/accedi\"");
    }

    [Fact]
    public async Task administrators_invite_change_roles_and_block_through_the_api_with_problem_json_errors()
    {
        await using var app = await AccountsApp.StartAsync();
        var (admin, self, _) = await StaffKit.SignedInAsync(app, "capo@tunda.it", StaffRoles.Administrator);
        var lockout = await admin.PostAsJsonAsync(new Uri($"/api/staff/members/{self.StaffId}/block", UriKind.Relative), new { });
        lockout.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await lockout.Content.ReadAsStringAsync()).ShouldContain("staff.self_lockout");

        var invalid = await admin.PostAsJsonAsync(new Uri("/api/staff/members", UriKind.Relative), new { email = "non-una-mail", name = "", roles = new[] { "support" } });
        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        invalid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await invalid.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        problem.GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();

        var created = await admin.PostAsJsonAsync(new Uri("/api/staff/members", UriKind.Relative), new { email = "nuovo@tunda.it", name = "Nuovo Membro", roles = new[] { "support" }, language = "en" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var staffId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("staffId").GetGuid();
        var mail = await app.Mail.WaitForMessageAsync(m => m.Recipients.Contains("nuovo@tunda.it"), TimeSpan.FromSeconds(30));
        StaffKit.LinkIn(mail, "/staff/invito").ShouldStartWith($"{AccountsApp.PublicBaseUrl}/staff/invito?token=");

        (await admin.PutAsJsonAsync(new Uri($"/api/staff/members/{staffId}/roles", UriKind.Relative), new { roles = Array.Empty<string>() })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await admin.PutAsJsonAsync(new Uri($"/api/staff/members/{staffId}/roles", UriKind.Relative), new { roles = new[] { "billing", "auditor" } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostAsJsonAsync(new Uri($"/api/staff/members/{staffId}/block", UriKind.Relative), new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostAsJsonAsync(new Uri($"/api/staff/members/{Guid.NewGuid()}/blocco", UriKind.Relative), new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var list = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/staff/members", UriKind.Relative));
        var member = list.EnumerateArray().Single(m => m.GetProperty("email").GetString() == "nuovo@tunda.it");
        member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["billing", "auditor"]);
        member.GetProperty("blocked").GetBoolean().ShouldBeTrue();
    }
}
