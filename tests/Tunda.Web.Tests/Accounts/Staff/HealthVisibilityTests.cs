using System.Net;
using System.Text.Json;
using Tunda.Web.Features.Accounts.Demo;

namespace Tunda.Web.Tests.Accounts.Staff;

/// <summary>/health tells an anonymous caller only how things are; who runs Tunda sees why.</summary>
public sealed class HealthVisibilityTests
{
    private static async Task<JsonElement> HealthAsync(HttpClient client, string path = "/health")
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task an_anonymous_caller_or_a_wrong_token_sees_the_status_of_each_component_and_nothing_about_the_installation()
    {
        await using var app = await AccountsApp.StartAsync();
        using var wrongToken = app.Client();
        wrongToken.DefaultRequestHeaders.Authorization = new("Bearer", TundaApp.HealthToken + "x");

        foreach (var health in new[] { await HealthAsync(app.Client()), await HealthAsync(wrongToken) })
        {
            health.EnumerateObject().Select(p => p.Name).ShouldBe(["status", "components"], ignoreOrder: true);
            health.GetProperty("status").GetString().ShouldBe("healthy");
            health.GetProperty("components").EnumerateObject().Select(p => p.Name).ShouldBe(["database", "messaging", "imap"], ignoreOrder: true);
            health.GetRawText().ShouldNotContain(app.Schema);
        }
    }

    [Fact]
    public async Task a_staff_administrator_under_the_staff_api_and_a_monitor_with_the_token_see_the_details()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.Get<DemoSeed>().SeedAsync();
        using var admin = await StaffSignInTests.DemoAdminAsync(app);

        var anonymousOnStaffPath = await app.Client().GetAsync(new Uri("/api/staff/health", UriKind.Relative));

        anonymousOnStaffPath.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var health in new[] { await HealthAsync(admin, "/api/staff/health"), await HealthAsync(app.App.HealthClient()) })
        {
            health.GetProperty("database").GetProperty("schema").GetString().ShouldBe(app.Schema);
            health.GetProperty("messaging").GetProperty("deadLetters").GetInt32().ShouldBe(0);
        }
    }
}
