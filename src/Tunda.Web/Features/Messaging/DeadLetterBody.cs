using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tunda.Web.Features.Messaging;

/// <summary>
/// A dead letter's serialized body as text staff can read: JSON indented, values that open a door
/// (links with a token, passwords, codes, secrets) hidden, since a reset link seen by staff is a way
/// into the customer's account; control characters shown as U+FFFD and the length bounded. What is
/// not JSON is shown as text under the same rules. The page HTML-encodes the result like any text.
/// </summary>
public static class DeadLetterBody
{
    public const int MaxLength = 8_000;
    public const string Hidden = "•••";

    private static readonly string[] SecretNameParts = ["link", "token", "password", "secret", "code"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Readable(byte[]? data)
    {
        if (data is null || data.Length == 0)
        {
            return "";
        }

        string text;
        try
        {
            var node = JsonNode.Parse(data);
            Hide(node);
            text = node?.ToJsonString(Indented) ?? "null";
        }
        catch (JsonException)
        {
            text = Encoding.UTF8.GetString(data);
        }

        return Bounded(Printable(text));
    }

    private static void Hide(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue && IsSecret(name))
                    {
                        obj[name] = Hidden;
                    }
                    else
                    {
                        Hide(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Hide(item);
                }

                break;
        }
    }

    private static bool IsSecret(string name) => SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    private static string Printable(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) && c is not ('\n' or '\t') ? '\uFFFD' : c;
            }
        });

    private static string Bounded(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
}
