using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tunda.Web.Platform.Links;

namespace Tunda.Web.Tests;

public sealed class PlatformPublicUrlTests
{
    [Fact]
    public async Task links_come_from_the_configured_address_whatever_host_the_request_names()
    {
        await using var app = await PlatformApp.StartAsync(
            endpoints => endpoints.MapGet("/prova/link", (PublicUrls urls) => Results.Text(urls.Link("/reimposta-password", new Dictionary<string, string?> { ["token"] = "a b&c" }).AbsoluteUri)),
            new Dictionary<string, string?> { ["Tunda:PublicBaseUrl"] = "https://area.tunda.example/clienti/" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/prova/link");
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        var link = await (await app.Client().SendAsync(request)).Content.ReadAsStringAsync();

        link.ShouldBe("https://area.tunda.example/clienti/reimposta-password?token=a%20b%26c");
    }

    [Fact]
    public async Task development_uses_the_local_address_when_none_is_configured()
    {
        await using var app = await PlatformApp.StartAsync(environment: "Development");

        app.Services.GetRequiredService<PublicUrls>().Link("/accedi").AbsoluteUri.ShouldBe("http://localhost:5080/accedi");
    }

    [Fact]
    public async Task production_refuses_to_start_without_a_public_address()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => PlatformApp.StartAsync(environment: "Production"));

        error.Message.ShouldContain("Tunda:PublicBaseUrl");
    }

    [Theory]
    [InlineData("area.tunda.example")]
    [InlineData("ftp://area.tunda.example")]
    [InlineData("https://area.tunda.example/?x=1")]
    public void a_malformed_public_address_is_refused(string value)
    {
        Should.Throw<InvalidOperationException>(() => new PublicUrls(Options.Create(new PublicUrlOptions { PublicBaseUrl = value })))
            .Message.ShouldContain("Tunda:PublicBaseUrl");
    }

    [Fact]
    public void a_link_path_must_be_site_relative()
    {
        var urls = new PublicUrls(Options.Create(new PublicUrlOptions { PublicBaseUrl = "https://area.tunda.example" }));

        Should.Throw<ArgumentException>(() => urls.Link("//evil.example/x"));
        Should.Throw<ArgumentException>(() => urls.Link("https://evil.example/x"));
        urls.Link("/conferma").AbsoluteUri.ShouldBe("https://area.tunda.example/conferma");
    }
}
