using System.Net;
using System.Text;
using System.Text.Json;
using Tunda.Web.Features.Accounts.Demo;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Staff;

namespace Tunda.Web.Tests.Guard;

/// <summary>
/// Every operation the OpenAPI document lists, sent hostile input by a signed-in user (staff routes by
/// the demo administrator): each answer is below 500, the app stays healthy and no message becomes a
/// dead letter. Routes added later are covered without a new test.
/// </summary>
public sealed class HostileApiInputTests
{
    private const string Nul = "A\u0000B";

    /// <summary>Bodies that are not what any operation reads: broken, mistyped, nested, not UTF-8.</summary>
    private static IEnumerable<(string Name, HttpContent Content)> GenericBodies()
    {
        yield return ("empty", Json(""));
        yield return ("null", Json("null"));
        yield return ("array", Json("[1,2,3]"));
        yield return ("truncated", Json("{\"a\":\"b"));
        yield return ("nul string", Json("\"A\\u0000B\""));
        yield return ("lone surrogate", Json("{\"x\":\"\\ud800\"}"));
        yield return ("deep", Json(new string('[', 500) + new string(']', 500)));
        var invalidUtf8 = new ByteArrayContent([.. "{\"x\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]);
        invalidUtf8.Headers.ContentType = new("application/json");
        yield return ("invalid utf-8", invalidUtf8);
    }

    /// <summary>The operation's own fields, each time all of one hostile kind.</summary>
    private static IEnumerable<(string Name, HttpContent Content)> FieldBodies(IReadOnlyList<string> fields)
    {
        if (fields.Count == 0)
        {
            yield break;
        }

        foreach (var (name, value) in new (string, object)[]
        {
            ("nul", Nul), ("crlf", "Mario\r\nBcc: x@example.it"), ("escape", "\u001b[31m"), ("overlong", new string('x', 100_000)),
            ("number", 123456789012), ("boolean", true), ("object", new { a = 1 }), ("array", new[] { Nul }),
        })
        {
            yield return (name, Json(JsonSerializer.Serialize(fields.ToDictionary(f => f, _ => value))));
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task no_operation_answers_5xx_to_hostile_input_and_the_app_stays_healthy_without_dead_letters()
    {
        await using var app = await AccountsApp.StartAsync();
        await app.Get<DemoSeed>().SeedAsync();
        using var customer = await app.SignInAsync(DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword);
        using var staff = await StaffSignInTests.DemoAdminAsync(app);
        using var document = JsonDocument.Parse(await app.Client().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var operations = ApiOperations.Read(document.RootElement).OrderBy(o => o.Method == "DELETE").ThenBy(o => o.Path.Contains("session", StringComparison.Ordinal)).ToList();
        operations.Count.ShouldBeGreaterThan(20);

        var failures = new List<string>();
        var sent = 0;
        await app.AfterMessagesAsync(async () =>
        {
            foreach (var operation in operations)
            {
                var client = operation.Path.StartsWith("/api/staff", StringComparison.Ordinal) ? staff : customer;
                foreach (var (name, request) in Requests(operation))
                {
                    using var response = await client.SendAsync(request);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{operation.Method} {operation.Path} ({name}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }

            return 0;
        });

        // Generic bodies fail validation early; these start from bodies the operation accepts and spoil one text field at a time.
        foreach (var (route, sample) in ApiSamples.Fixed())
        {
            var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
            operations.ShouldContain(o => o.Method == method && o.Path == path, $"{route} is no longer in the OpenAPI document: update the sample");
            foreach (var field in sample().Where(f => f.Value is string).Select(f => f.Key))
            {
                var body = sample();
                body[field] = field.Contains("mail", StringComparison.OrdinalIgnoreCase) ? "a\u0000b@example.it" : Nul;
                var client = path.StartsWith("/api/staff", StringComparison.Ordinal) ? staff : customer;
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(JsonSerializer.Serialize(body)) });
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{route} ({field} spoiled): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        failures.ShouldBeEmpty();
        sent.ShouldBeGreaterThan(200);
        using var health = JsonDocument.Parse(await app.App.HealthClient().GetStringAsync(new Uri("/health", UriKind.Relative)));
        health.RootElement.GetProperty("components").GetProperty("database").GetString().ShouldBe("healthy");
        health.RootElement.GetProperty("messaging").GetProperty("deadLetters").GetInt32().ShouldBe(0);
    }

    private static IEnumerable<(string Name, HttpRequestMessage Request)> Requests(ApiOperation operation)
    {
        var path = ApiOperations.WithIds(operation.Path);
        var method = new HttpMethod(operation.Method);
        foreach (var query in operation.QueryParameters)
        {
            yield return ($"query {query} nul", new HttpRequestMessage(method, $"{path}?{query}={Uri.EscapeDataString(Nul)}") { Content = operation.HasBody ? Json("{}") : null });
            yield return ($"query {query} overlong", new HttpRequestMessage(method, $"{path}?{query}={new string('x', 5_000)}") { Content = operation.HasBody ? Json("{}") : null });
        }

        // A NUL in the path never reaches the app (Kestrel answers 400 itself; the test server refuses to send it).
        var mistypedPath = ApiOperations.With(operation.Path, "not-an-id%20" + Uri.EscapeDataString("\u001b"));
        if (mistypedPath != operation.Path)
        {
            yield return ("path mistyped", new HttpRequestMessage(method, mistypedPath) { Content = operation.HasBody ? Json("{}") : null });
        }

        if (!operation.HasBody)
        {
            yield break;
        }

        foreach (var (name, content) in GenericBodies().Concat(FieldBodies(operation.Fields)))
        {
            yield return (name, new HttpRequestMessage(method, path) { Content = content });
        }
    }
}
