using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tunda.Web.Platform.Input;

/// <summary>A JSON string that <see cref="TextPolicy"/> refused; the serializer adds the path of the field.</summary>
public sealed class TextRejectedException(TextFault fault) : JsonException($"The text was refused: {fault}.")
{
    public TextFault Fault { get; } = fault;
}

/// <summary>
/// Every string read from an API body goes through <see cref="TextPolicy"/>: single-line unless the
/// property is marked multi-line (<see cref="MultiLineText"/>), within the property's own bound if it
/// declares one (<see cref="TextBound"/>), normalised to NFC. Writing is untouched.
/// </summary>
public sealed class TextJsonConverter(bool multiLine, int? maxLength = null) : JsonConverter<string>
{
    public static readonly TextJsonConverter SingleLine = new(multiLine: false);
    public static readonly TextJsonConverter MultiLine = new(multiLine: true);

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"The JSON value could not be converted to {typeof(string)}.");
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped half of a surrogate pair ("\ud800") cannot become a .NET string of valid text.
            throw new TextRejectedException(TextFault.InvalidUnicode);
        }

        return TextPolicy.Check(value, multiLine, maxLength) is { } fault ? throw new TextRejectedException(fault) : TextPolicy.Normalise(value);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    /// <summary>Installs the converters on the API's JSON options: multi-line or bounded where a property says so, single-line everywhere else.</summary>
    public static void Install(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(SingleLine);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(info =>
        {
            foreach (var property in info.Properties)
            {
                if (property.PropertyType != typeof(string))
                {
                    continue;
                }

                var multiLine = MultiLineText.IsMarked(property.AttributeProvider);
                property.CustomConverter = TextBound.Of(property.AttributeProvider) is { } bound ? new TextJsonConverter(multiLine, bound) : multiLine ? MultiLine : null;
            }
        });
    }
}
