using System.Net;

namespace Tunda.Web.Tests.Accounts.Profile;

public sealed class RecoveryRateLimitTests
{
    [Fact]
    public async Task reset_and_username_requests_are_rate_limited_per_client()
    {
        await using var app = await AccountsApp.StartAsync(new Dictionary<string, string?>
        {
            ["Tunda:RateLimits:password-reset:PermitLimit"] = "2",
            ["Tunda:RateLimits:username-recovery:PermitLimit"] = "1",
        });
        using var client = app.Client();
        var recovery = new { name = "Mario Rossi", claimedEmail = "vecchio@example.it", contactEmail = "raggiungibile@example.org", message = "Aiuto." };

        var resets = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            resets.Add((await client.PostJsonAsync("/api/password/forgot", new { email = "chiunque@example.it" })).StatusCode);
        }

        var firstRecovery = await client.PostJsonAsync("/api/username/recover", recovery);
        var secondRecovery = await client.PostJsonAsync("/api/username/recover", recovery);
        var page = await client.PostFormAsync("/password-dimenticata", [new("Input.Email", "chiunque@example.it")]);

        resets.ShouldBe([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests]);
        firstRecovery.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        secondRecovery.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
