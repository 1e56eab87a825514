using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tunda.Web.Platform.Input;

namespace Tunda.Web.Tests.Guard;

/// <summary>An operation of the app's OpenAPI document, with its body's CLR type where the document names one the app defines.</summary>
internal sealed record ApiOperation(string Method, string Path, bool HasBody, IReadOnlyList<string> QueryParameters, IReadOnlyList<string> Fields, Type? BodyType)
{
    /// <summary>The body's fields that hold text, by their JSON names.</summary>
    public IEnumerable<string> TextFields() => Fields.Where(f => Property(f)?.PropertyType == typeof(string));

    public bool IsMultiLine(string field) => MultiLineText.IsMarked(Property(field));

    private PropertyInfo? Property(string field) => BodyType?.GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
}

internal static partial class ApiOperations
{
    public static IEnumerable<ApiOperation> Read(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                var hasBody = operation.Value.TryGetProperty("requestBody", out var body);
                var (fields, type) = hasBody ? BodyOf(document, body) : ([], null);
                yield return new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, hasBody, parameters, fields, type);
            }
        }
    }

    /// <summary>The path with a fresh id in each placeholder.</summary>
    public static string WithIds(string path) => Placeholder().Replace(path, _ => Guid.NewGuid().ToString());

    /// <summary>The path with <paramref name="value"/> in each placeholder.</summary>
    public static string With(string path, string value) => Placeholder().Replace(path, _ => value);

    private static (List<string> Fields, Type? Type) BodyOf(JsonElement document, JsonElement body)
    {
        if (!body.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json) || !json.TryGetProperty("schema", out var schema))
        {
            return ([], null);
        }

        Type? type = null;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
            var candidates = typeof(Program).Assembly.GetTypes().Where(t => t.Name == name).ToList();
            type = candidates.Count == 1 ? candidates[0] : null;
        }

        return (schema.TryGetProperty("properties", out var properties) ? [.. properties.EnumerateObject().Select(p => p.Name)] : [], type);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
