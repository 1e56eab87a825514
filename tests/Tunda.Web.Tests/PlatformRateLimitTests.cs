using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Tunda.Web.Platform.RateLimits;

namespace Tunda.Web.Tests;

public sealed class PlatformRateLimitTests
{
    private static readonly Dictionary<string, string?> TwoLoginsPerHour = new()
    {
        ["Tunda:RateLimits:login:PermitLimit"] = "2",
        ["Tunda:RateLimits:login:WindowSeconds"] = "3600",
    };

    private static void Endpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/prova/accesso", () => Results.Json(new { ok = true })).RequireRateLimiting(RateLimitPolicies.Login);
        endpoints.MapMethods("/prova/accesso", ["GET", "POST"], () => Results.Text("ok")).RequireRateLimiting(RateLimitPolicies.Login);
        endpoints.MapPost("/prova/ticket", () => Results.Text("ok")).RequireRateLimiting(RateLimitPolicies.Ticket);
    }

    [Fact]
    public async Task an_api_client_over_the_limit_gets_a_429_problem_with_retry_after()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints, TwoLoginsPerHour);
        var client = app.Client();

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            answers.Add(await client.PostAsync(new Uri("/api/prova/accesso", UriKind.Relative), new StringContent("{}", null, "application/json")));
        }

        answers.Take(2).ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
        var refused = answers[2];
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(3000, 3600);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("code").GetString().ShouldBe("http.too_many_requests");
        json.RootElement.GetProperty("title").GetString().ShouldBe("Troppe richieste");
    }

    [Fact]
    public async Task a_visitor_over_the_limit_gets_the_localised_page_with_retry_after()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints, TwoLoginsPerHour);
        var client = app.Client();

        await client.PostAsync(new Uri("/prova/accesso", UriKind.Relative), null);
        await client.PostAsync(new Uri("/prova/accesso", UriKind.Relative), null);
        var refused = await client.PostAsync(new Uri("/prova/accesso", UriKind.Relative), null);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Troppi tentativi");
    }

    [Fact]
    public async Task each_policy_counts_on_its_own()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints, TwoLoginsPerHour);
        var client = app.Client();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await client.PostAsync(new Uri("/prova/accesso", UriKind.Relative), null);
        }

        var ticket = await client.PostAsync(new Uri("/prova/ticket", UriKind.Relative), null);

        ticket.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task showing_a_limited_page_is_never_counted_only_submitting_it()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints, TwoLoginsPerHour);
        var client = app.Client();
        for (var view = 0; view < 5; view++)
        {
            (await client.GetAsync(new Uri("/prova/accesso", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await client.PostAsync(new Uri("/prova/accesso", UriKind.Relative), null);
        await client.PostAsync(new Uri("/prova/accesso", UriKind.Relative), null);
        var refused = await client.PostAsync(new Uri("/prova/accesso", UriKind.Relative), null);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync(new Uri("/prova/accesso", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void a_limit_below_one_is_refused_with_a_message_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tunda:RateLimits:ticket:PermitLimit"] = "0" })
            .Build();

        var error = Should.Throw<InvalidOperationException>(() => RateLimit.From(configuration, RateLimitPolicies.Ticket));

        error.Message.ShouldContain("Tunda:RateLimits:ticket");
        RateLimit.From(configuration, RateLimitPolicies.Login).ShouldBe(RateLimitPolicies.Defaults[RateLimitPolicies.Login]);
    }
}
