using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tunda.Domain;
using Tunda.Web.Platform.Api;
using Tunda.Web.Tests.Messaging;

namespace Tunda.Web.Tests;

public sealed class PlatformApiTests
{
    private static void Endpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApi("/prova", tag: "Prova");
        api.MapGet("/clienti/{id:guid}", (Guid id) => ApiResults.Problem(new DomainError("customer.not_found", $"Customer {id} does not exist.")));
        api.MapPost("/conflitto", () => ApiResults.Problem(DomainError.Conflict("Stream moved on.")));
        api.MapPost("/regola", () => ApiResults.Problem(new DomainError("customer.legal_field_immutable", "Legal fields cannot change.")));
        api.MapPost("/campi", () => ApiResults.ValidationProblem(
            new FieldError("email", new DomainError("email.invalid", "Not an e-mail address.")),
            new FieldError("email", new DomainError("email.taken", "Already registered.")),
            new FieldError("vatNumber", new DomainError("vat.check_digit", "Wrong check digit."))));
        api.MapPost("/eco", (Echo body) => Results.Json(body));
        api.MapDelete("/eco/{id:int}", (int id) => Results.NoContent());
        api.MapGet("/rotto", IResult () => throw new InvalidOperationException("connection string Password=hunter2"));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("   at ");
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task an_unknown_api_route_is_a_problem_404()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var problem = await ProblemAsync(await app.Client().GetAsync(new Uri("/api/non-esiste", UriKind.Relative)), HttpStatusCode.NotFound);

        problem.GetProperty("code").GetString().ShouldBe("http.not_found");
        problem.GetProperty("title").GetString().ShouldBe("Non trovato");
    }

    [Fact]
    public async Task a_wrong_method_on_an_api_route_is_a_problem_405()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var problem = await ProblemAsync(await app.Client().PutAsync(new Uri("/api/prova/conflitto", UriKind.Relative), JsonContent("{}")), HttpStatusCode.MethodNotAllowed);

        problem.GetProperty("code").GetString().ShouldBe("http.method_not_allowed");
    }

    [Fact]
    public async Task an_exception_in_an_api_endpoint_is_a_problem_500_without_details_even_in_development_and_logged_once_with_its_trace_id()
    {
        foreach (var environment in new[] { "Testing", "Development" })
        {
            var log = new LogCapture();
            await using var app = await PlatformApp.StartAsync(Endpoints, environment: environment, services: s => s.AddSingleton<ILoggerProvider>(log));

            var response = await app.Client().GetAsync(new Uri("/api/prova/rotto", UriKind.Relative));

            var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError);
            problem.GetProperty("code").GetString().ShouldBe("http.internal_error");
            var traceId = problem.GetProperty("traceId").GetString();
            traceId.ShouldNotBeNullOrEmpty();
            var body = problem.GetRawText();
            body.ShouldNotContain("hunter2");
            body.ShouldNotContain("InvalidOperationException");
            var logged = log.Entries.Where(e => e.Exception is InvalidOperationException).ShouldHaveSingleItem();
            logged.Message.ShouldContain(traceId);
            logged.Message.ShouldContain("/api/prova/rotto");
        }
    }

    [Fact]
    public async Task domain_errors_answer_with_their_status_code_and_localised_message()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);
        var client = app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var missing = await ProblemAsync(await client.GetAsync(new Uri($"/api/prova/clienti/{Guid.Empty}", UriKind.Relative)), HttpStatusCode.NotFound);
        var conflict = await ProblemAsync(await client.PostAsync(new Uri("/api/prova/conflitto", UriKind.Relative), JsonContent("{}")), HttpStatusCode.Conflict);
        var rule = await ProblemAsync(await client.PostAsync(new Uri("/api/prova/regola", UriKind.Relative), JsonContent("{}")), HttpStatusCode.UnprocessableEntity);

        missing.GetProperty("code").GetString().ShouldBe("customer.not_found");
        missing.GetProperty("detail").GetString().ShouldBe($"Customer {Guid.Empty} does not exist.");
        conflict.GetProperty("code").GetString().ShouldBe("concurrency.conflict");
        conflict.GetProperty("title").GetString().ShouldBe("Conflict");
        conflict.GetProperty("detail").GetString().ShouldBe("Someone else changed this data in the meantime. Reload and try again.");
        rule.GetProperty("code").GetString().ShouldBe("customer.legal_field_immutable");
    }

    [Fact]
    public async Task a_validation_problem_names_every_field_with_messages_and_codes()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var problem = await ProblemAsync(await app.Client().PostAsync(new Uri("/api/prova/campi", UriKind.Relative), JsonContent("{}")), HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        problem.GetProperty("detail").GetString().ShouldBe("Alcuni campi non sono validi.");
        problem.GetProperty("errors").GetProperty("email").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Not an e-mail address.", "Already registered."]);
        problem.GetProperty("codes").GetProperty("vatNumber").EnumerateArray().Select(e => e.GetString()).ShouldBe(["vat.check_digit"]);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "name=x")]
    [InlineData("multipart/form-data; boundary=b", "--b--")]
    [InlineData("text/plain", "{\"name\":\"x\"}")]
    public async Task an_api_post_that_is_not_json_is_refused_with_415(string contentType, string body)
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var problem = await ProblemAsync(await app.Client().PostAsync(new Uri("/api/prova/eco", UriKind.Relative), content), HttpStatusCode.UnsupportedMediaType);

        problem.GetProperty("code").GetString().ShouldBe("http.unsupported_media_type");
    }

    [Fact]
    public async Task an_api_post_without_a_body_or_content_type_is_refused_because_other_sites_can_send_one()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var response = await app.Client().PostAsync(new Uri("/api/prova/conflitto", UriKind.Relative), null);

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task json_posts_and_body_less_deletes_reach_the_endpoint()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);
        var client = app.Client();

        var echoed = await client.PostAsync(new Uri("/api/prova/eco", UriKind.Relative), JsonContent("{\"name\":\"Mario\"}"));
        var problemJson = await client.PostAsync(new Uri("/api/prova/eco", UriKind.Relative), JsonContent("{\"name\":\"Anna\"}", "application/merge-patch+json"));
        var deleted = await client.DeleteAsync(new Uri("/api/prova/eco/7", UriKind.Relative));

        echoed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await echoed.Content.ReadAsStringAsync()).ShouldBe("{\"name\":\"Mario\"}");
        problemJson.StatusCode.ShouldNotBe(HttpStatusCode.UnsupportedMediaType);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task the_openapi_document_names_the_api_and_lists_its_routes_only()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var response = await app.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("info").GetProperty("title").GetString().ShouldBe("Tunda API");
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/prova/clienti/{id}");
        paths.ShouldAllBe(path => path.StartsWith("/api/"));
    }

    private static StringContent JsonContent(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    private sealed record Echo(string Name);
}
