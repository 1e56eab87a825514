using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Net;
using System.Net.Http.Headers;

namespace Tunda.Web.Tests;

public sealed class PlatformLanguageTests
{
    [Fact]
    public async Task the_home_page_is_italian_by_default()
    {
        await using var app = await PlatformApp.StartAsync();

        var html = await app.Client().GetStringAsync(new Uri("/", UriKind.Relative));

        html.ShouldContain("<html lang=\"it\">");
        html.ShouldContain("Benvenuto in Tunda");
        html.ShouldContain("<a class=\"button\" href=\"/accedi\">Accedi</a>");
        html.ShouldContain("href=\"/registrati\">Registrati</a>");
    }

    [Fact]
    public async Task a_browser_asking_for_english_gets_english()
    {
        await using var app = await PlatformApp.StartAsync();
        var client = app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("it", 0.5));

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("Welcome to Tunda");
        html.ShouldContain("href=\"/accedi\">Log in</a>");
    }

    [Fact]
    public async Task a_browser_asking_for_an_unsupported_language_gets_italian()
    {
        await using var app = await PlatformApp.StartAsync();
        var client = app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("de-DE"));

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        html.ShouldContain("Benvenuto in Tunda");
    }

    [Fact]
    public async Task the_language_switch_sets_a_cookie_that_beats_the_browsers_language()
    {
        await using var app = await PlatformApp.StartAsync();
        var client = app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("it"));

        var switched = await client.GetAsync(new Uri("/lingua/en?returnUrl=%2Ferrore%2F404%3Fx%3D1", UriKind.Relative));

        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        switched.Headers.Location!.OriginalString.ShouldBe("/errore/404?x=1");
        var cookie = switched.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldStartWith("tunda.lingua=");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        html.ShouldContain("Welcome to Tunda");
    }

    [Theory]
    [InlineData("https%3A%2F%2Fevil.example%2F")]
    [InlineData("%2F%2Fevil.example%2F")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("")]
    public async Task the_language_switch_never_redirects_off_the_site(string returnUrl)
    {
        await using var app = await PlatformApp.StartAsync();

        var response = await app.Client().GetAsync(new Uri($"/lingua/it?returnUrl={returnUrl}", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task an_unknown_language_is_a_not_found_page()
    {
        await using var app = await PlatformApp.StartAsync();

        var response = await app.Client().GetAsync(new Uri("/lingua/de?returnUrl=%2F", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await response.Content.ReadAsStringAsync()).ShouldContain("Pagina non trovata");
    }

    [Fact]
    public async Task an_unknown_page_is_a_localised_not_found_page()
    {
        await using var app = await PlatformApp.StartAsync();
        var client = app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var response = await client.GetAsync(new Uri("/non-esiste", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Page not found");
        html.ShouldContain("/lingua/it?returnUrl=%2Fnon-esiste");
    }

    [Fact]
    public async Task an_exception_in_a_page_shows_the_localised_error_page_without_a_stack_trace()
    {
        await using var app = await PlatformApp.StartAsync(endpoints => endpoints.MapGet("/rotto", IResult () => throw new InvalidOperationException("secret detail")));

        var response = await app.Client().GetAsync(new Uri("/rotto", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Errore del server");
        html.ShouldNotContain("secret detail");
        html.ShouldNotContain("   at ");
    }
}
