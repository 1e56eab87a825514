using System.Reflection;
using System.Text.RegularExpressions;

namespace Tunda.Web.Platform.Api;

/// <summary>
/// What kind of value a field of a request body takes, found by walking the body's type along the
/// JSON path the serializer reported ("contacts[2].permissions[0]"): the words a client needs, never a .NET type name.
/// </summary>
public static partial class JsonFieldKind
{
    /// <summary>The kind's text key under <c>input.json.</c>, and for an enum the values it takes; null when the path leads nowhere known.</summary>
    public static (string Kind, string[] Values)? Of(Type root, string field)
    {
        ArgumentNullException.ThrowIfNull(root);
        var type = root;
        foreach (Match segment in Segment().Matches(field))
        {
            var next = segment.Groups["index"].Success ? ElementOf(type) : PropertyOf(type, segment.Groups["name"].Value);
            if (next is null)
            {
                return null;
            }

            type = next;
        }

        return Describe(Nullable.GetUnderlyingType(type) ?? type);
    }

    private static (string, string[]) Describe(Type type) => type switch
    {
        _ when type == typeof(string) => ("text", []),
        _ when type == typeof(bool) => ("boolean", []),
        _ when type == typeof(Guid) => ("identifier", []),
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => ("integer", []),
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => ("number", []),
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) => ("date", []),
        _ when type.IsEnum => ("choice", [.. Enum.GetNames(type).Select(CamelCase)]),
        _ when ElementOf(type) is not null => ("array", []),
        _ => ("object", []),
    };

    private static Type? PropertyOf(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;

    private static Type? ElementOf(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
