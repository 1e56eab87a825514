using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Net;

namespace Tunda.Web.Tests;

public sealed class PlatformHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/pagina-che-non-esiste")]
    [InlineData("/api/nothing-here")]
    [InlineData("/css/site.css")]
    public async Task every_response_carries_the_security_headers(string path)
    {
        await using var app = await PlatformApp.StartAsync();

        var response = await app.Client().GetAsync(new Uri(path, UriKind.Relative));

        response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldBe(
            "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; frame-ancestors 'none'; " +
            "form-action 'self'; base-uri 'none'; object-src 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").ShouldHaveSingleItem().ShouldBe("same-origin");
        response.Headers.GetValues("Permissions-Policy").ShouldHaveSingleItem().ShouldContain("camera=()");
    }

    [Fact]
    public async Task an_unhandled_exception_still_answers_with_the_security_headers()
    {
        await using var app = await PlatformApp.StartAsync(endpoints => endpoints.MapGet("/rotto", IResult () => throw new InvalidOperationException("boom")));

        var response = await app.Client().GetAsync(new Uri("/rotto", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
        response.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("DENY");
    }

    [Fact]
    public async Task hsts_is_sent_over_https_outside_development()
    {
        await using var app = await PlatformApp.StartAsync(environment: "Production", settings: new Dictionary<string, string?> { ["Tunda:PublicBaseUrl"] = "https://area.tunda.example" });

        var response = await app.Client("https://area.tunda.example").GetAsync(new Uri("/", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").ShouldHaveSingleItem().ShouldStartWith("max-age=");
    }

    [Fact]
    public async Task hsts_is_not_sent_in_development()
    {
        await using var app = await PlatformApp.StartAsync(environment: "Development");

        var response = await app.Client("https://area.tunda.example").GetAsync(new Uri("/", UriKind.Relative));

        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task a_signed_in_users_responses_are_never_stored_but_public_pages_may_be()
    {
        await using var app = await PlatformApp.StartAsync(endpoints => endpoints.MapGet("/api/io", () => Results.Json(new { ok = true })));
        var client = app.Client();
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/");
        signedIn.Headers.Add(PlatformApp.TestUserHeader, "mario.rossi@example.it");
        using var signedInApi = new HttpRequestMessage(HttpMethod.Get, "/api/io");
        signedInApi.Headers.Add(PlatformApp.TestUserHeader, "mario.rossi@example.it");

        var page = await client.SendAsync(signedIn);
        var api = await client.SendAsync(signedInApi);
        var anonymous = await client.GetAsync(new Uri("/", UriKind.Relative));

        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await page.Content.ReadAsStringAsync()).ShouldContain("mario.rossi@example.it");
        api.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (anonymous.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
    }

    [Fact]
    public async Task the_layouts_logout_form_posts_with_an_antiforgery_token()
    {
        await using var app = await PlatformApp.StartAsync();
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/");
        signedIn.Headers.Add(PlatformApp.TestUserHeader, "mario.rossi@example.it");

        var html = await (await app.Client().SendAsync(signedIn)).Content.ReadAsStringAsync();

        html.ShouldContain("action=\"/esci\"");
        html.ShouldContain("name=\"__RequestVerificationToken\"");
    }
}
