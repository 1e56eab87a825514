using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tunda.Domain;
using Tunda.Web.Platform.Api;

namespace Tunda.Web.Tests;

/// <summary>The one input policy on the API: refused text and unreadable JSON are a 400 naming the field, in the user's language.</summary>
public sealed class PlatformInputTests
{
    private static void Endpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApi("/prova", tag: "Prova");
        api.MapPost("/eco", (Note body) => Results.Json(body));
        api.MapGet("/cerca", (string? q) => Results.Json(new { q }));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<(string Code, string Field, string Message)> BadRequestAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.ShouldNotContain("System.");
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("errors").EnumerateObject().ShouldHaveSingleItem();
        return (json.RootElement.GetProperty("code").GetString()!, error.Name, error.Value[0].GetString()!);
    }

    private static Task<HttpResponseMessage> PostAsync(PlatformApp app, HttpContent content) =>
        app.Client().PostAsync(new Uri("/api/prova/eco", UriKind.Relative), content);

    [Theory]
    [InlineData("{\"title\":\"Mario\\u0000Rossi\",\"text\":\"ok\"}", "title")]
    [InlineData("{\"title\":\"Mario\\r\\nBcc: x@example.it\",\"text\":\"ok\"}", "title")]
    [InlineData("{\"title\":\"ok\",\"text\":\"riga\\u0000\"}", "text")]
    [InlineData("{\"title\":\"ok\",\"text\":\"ok\",\"tags\":[\"a\",\"b\\u001b\"]}", "tags[1]")]
    public async Task a_control_character_is_refused_with_a_400_naming_the_field(string body, string field)
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var (code, name, message) = await BadRequestAsync(await PostAsync(app, Json(body)));

        code.ShouldBe(BadInput.TextCode);
        name.ShouldBe(field);
        message.ShouldContain("caratteri non ammessi");
    }

    [Fact]
    public async Task a_field_past_its_own_bound_is_refused_with_a_400_naming_it()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var (code, name, message) = await BadRequestAsync(await PostAsync(app, Json("{\"title\":\"ok\",\"text\":\"ok\",\"code\":\"abcdef\"}")));
        var accepted = await PostAsync(app, Json("{\"title\":\"ok\",\"text\":\"ok\",\"code\":\"abcde\"}"));

        (code, name, message).ShouldBe((BadInput.TextCode, "code", "È troppo lungo."));
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task line_breaks_are_kept_in_a_multi_line_field_and_text_is_normalised_to_nfc()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var response = await PostAsync(app, Json("{\"title\":\"Caffe\\u0300\",\"text\":\"prima riga\\r\\n\\tseconda riga\"}"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var echoed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        echoed.GetProperty("title").GetString().ShouldBe("Caffè");
        echoed.GetProperty("text").GetString().ShouldBe("prima riga\r\n\tseconda riga");
    }

    [Theory]
    [InlineData("{\"title\":\"Mario", "title")]
    [InlineData("{\"title\":42,\"text\":\"ok\"}", "title")]
    [InlineData("{\"title\":\"ok\",\"text\":\"ok\",\"priority\":\"altissima\"}", "priority")]
    [InlineData("{\"title\":\"ok\",\"text\":\"ok\",\"count\":\"tre\"}", "count")]
    [InlineData("{\"title\":\"ok\",\"text\":\"ok\",\"tags\":\"a\"}", "tags")]
    [InlineData("[1,2,3]", "body")]
    [InlineData("{\"title\":\"\\ud800\",\"text\":\"ok\"}", "title")]
    public async Task json_that_cannot_be_read_is_a_400_naming_the_field(string body, string field)
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var (code, name, _) = await BadRequestAsync(await PostAsync(app, Json(body)));

        code.ShouldBeOneOf(BadInput.JsonCode, BadInput.TextCode);
        name.ShouldBe(field);
    }

    [Fact]
    public async Task the_message_says_what_kind_of_value_the_field_takes_in_the_users_language()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);
        using var english = new StringContent("{\"title\":\"ok\",\"text\":\"ok\",\"count\":\"tre\"}", Encoding.UTF8, "application/json");
        var client = app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var italian = await BadRequestAsync(await PostAsync(app, Json("{\"title\":\"ok\",\"text\":\"ok\",\"count\":\"tre\"}")));
        var inEnglish = await BadRequestAsync(await client.PostAsync(new Uri("/api/prova/eco", UriKind.Relative), english));

        italian.Message.ShouldBe("Deve essere un numero intero.");
        inEnglish.Message.ShouldBe("Must be a whole number.");
        (await BadRequestAsync(await PostAsync(app, Json("{\"title\":\"ok\",\"text\":\"ok\",\"priority\":\"altissima\"}")))).Message.ShouldBe("Deve essere uno tra: low, high.");
        (await BadRequestAsync(await PostAsync(app, Json("{\"title\":\"ok\",\"text\":\"ok\",\"tags\":[\"a\",7]}")))).ShouldBe((BadInput.JsonCode, "tags[1]", "Deve essere un testo (stringa JSON)."));
    }

    [Fact]
    public async Task bytes_that_are_not_utf8_a_deep_nesting_and_an_empty_or_null_body_are_400s_in_every_environment()
    {
        foreach (var environment in new[] { "Testing", "Development" })
        {
            await using var app = await PlatformApp.StartAsync(Endpoints, environment: environment);
            var invalidUtf8 = new ByteArrayContent([.. "{\"title\":\""u8.ToArray(), 0xC3, 0x28, .. "\",\"text\":\"ok\"}"u8.ToArray()]);
            invalidUtf8.Headers.ContentType = new("application/json");
            var deep = "{\"title\":\"ok\",\"text\":\"ok\",\"extra\":" + new string('[', 200) + new string(']', 200) + "}";

            (await BadRequestAsync(await PostAsync(app, invalidUtf8))).ShouldBe((BadInput.TextCode, "title", "Contiene caratteri non validi."));
            (await BadRequestAsync(await PostAsync(app, Json(deep)))).Code.ShouldBe(BadInput.JsonCode);
            (await BadRequestAsync(await PostAsync(app, Json("")))).Code.ShouldBe(BadInput.BodyCode);
            (await BadRequestAsync(await PostAsync(app, Json("null")))).Code.ShouldBe(BadInput.BodyCode);
        }
    }

    [Fact]
    public async Task a_query_parameter_is_held_to_the_same_policy()
    {
        await using var app = await PlatformApp.StartAsync(Endpoints);

        var refused = await app.Client().GetAsync(new Uri("/api/prova/cerca?q=Rossi%00", UriKind.Relative));
        var accepted = await app.Client().GetAsync(new Uri("/api/prova/cerca?q=Caffe%CC%80", UriKind.Relative));

        var (code, field, _) = await BadRequestAsync(refused);
        code.ShouldBe(BadInput.TextCode);
        field.ShouldBe("q");
        JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("q").GetString().ShouldBe("Caffè");
    }

    private enum Priority
    {
        Low,
        High,
    }

    private sealed record Note(string Title, [property: DataType(DataType.MultilineText)] string Text, string[]? Tags = null, Priority? Priority = null, int? Count = null, JsonElement? Extra = null, [property: MaxLength(5)] string? Code = null);
}
