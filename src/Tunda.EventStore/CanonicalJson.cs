using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tunda.EventStore;

/// <summary>
/// One spelling for any JSON value: object keys in ordinal order, no whitespace, minimal string
/// escaping, numbers without exponents. PostgreSQL's jsonb reorders keys and re-spells numbers and
/// escapes, so the hash chain is computed over this form, which both the writer (from the payload
/// it sends) and the verifier (from the jsonb text it reads back) can reproduce exactly.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        return Canonicalize(document.RootElement);
    }

    public static byte[] Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Canonicalize(document.RootElement);
    }

    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, element);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var properties = element.EnumerateObject().ToList();
                properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(element.GetRawText()), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    // jsonb stores numbers as numeric: it keeps the digits and scale as written, prints an
    // exponent in full, and has no negative zero. Doing the same here, on the text and never through
    // a binary type, keeps every digit of the payload.
    internal static string CanonicalNumber(string raw)
    {
        var exponentAt = raw.AsSpan().IndexOfAny('e', 'E');
        var text = exponentAt < 0 ? raw : ExpandExponent(raw[..exponentAt], int.Parse(raw.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        return text.StartsWith('-') && text.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? text[1..] : text;
    }

    private static string ExpandExponent(string mantissa, int exponent)
    {
        var negative = mantissa.StartsWith('-');
        var unsigned = negative ? mantissa[1..] : mantissa;
        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? unsigned : string.Concat(unsigned.AsSpan(0, point), unsigned.AsSpan(point + 1));
        var scale = (point < 0 ? 0 : unsigned.Length - point - 1) - exponent;
        if (scale <= 0)
        {
            digits += new string('0', -scale);
            scale = 0;
        }
        else if (digits.Length <= scale)
        {
            digits = new string('0', scale - digits.Length + 1) + digits;
        }

        var integerPart = digits[..^scale].TrimStart('0');
        var result = (integerPart.Length == 0 ? "0" : integerPart) + (scale > 0 ? "." + digits[^scale..] : string.Empty);
        return negative ? "-" + result : result;
    }
}
