namespace Tunda.Mail.Parsing;

/// <summary>
/// A Content-Type (or Content-Disposition) value: the lower-cased type and its parameters, with RFC 2231
/// continuations joined and charsets decoded. Parameter names compare case-insensitively.
/// </summary>
public sealed record ContentType(string MediaType, string SubType, IReadOnlyDictionary<string, string> Parameters)
{
    public static ContentType TextPlain { get; } = new("text", "plain", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["charset"] = "us-ascii" });

    public string MimeType => $"{MediaType}/{SubType}";

    public string? Charset => Parameters.GetValueOrDefault("charset");

    public string? Boundary => Parameters.GetValueOrDefault("boundary");

    public bool Is(string mediaType, string subType) =>
        MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) && SubType.Equals(subType, StringComparison.OrdinalIgnoreCase);
}
