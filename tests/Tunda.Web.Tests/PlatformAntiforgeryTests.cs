using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tunda.Web.Tests;

public sealed class PlatformAntiforgeryTests
{
    [Fact]
    public async Task a_form_post_without_an_antiforgery_token_gets_the_friendly_400_page()
    {
        await using var app = await PlatformApp.StartAsync();

        var response = await app.Client().PostAsync(new Uri("/", UriKind.Relative), new FormUrlEncodedContent([new("campo", "valore")]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Modulo scaduto o non valido");
        html.ShouldContain("ricarica la pagina");
    }

    [Fact]
    public async Task a_form_post_with_a_forged_token_gets_the_friendly_page_in_the_visitors_language()
    {
        await using var app = await PlatformApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", "CfDJ8forged")]),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var response = await app.Client().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Form expired or invalid");
    }

    [Fact]
    public async Task a_token_issued_by_one_process_is_accepted_by_another_because_the_keys_live_in_postgresql()
    {
        var schema = TestDatabase.NewSchemaName("platform_keys");
        try
        {
            AntiforgeryTokenSet tokens;
            string cookieName;
            await using (var issuer = await PlatformApp.StartAsync(schema: schema))
            {
                await issuer.Client().GetAsync(new Uri("/", UriKind.Relative));
                using var scope = issuer.Services.CreateScope();
                tokens = scope.ServiceProvider.GetRequiredService<IAntiforgery>().GetAndStoreTokens(new DefaultHttpContext { RequestServices = scope.ServiceProvider });
                cookieName = scope.ServiceProvider.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
            }

            (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {schema}.data_protection_keys")).ShouldBe(1);
            await using var verifier = await PlatformApp.StartAsync(schema: schema);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/")
            {
                Content = new FormUrlEncodedContent([new(tokens.FormFieldName, tokens.RequestToken)]),
            };
            request.Headers.Add("Cookie", $"{cookieName}={tokens.CookieToken}");

            var response = await verifier.Client().SendAsync(request);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain("Benvenuto in Tunda");
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }
}
