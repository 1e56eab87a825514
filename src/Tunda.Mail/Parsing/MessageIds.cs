using MimeKit.Utils;

namespace Tunda.Mail.Parsing;

/// <summary>Message-ID, In-Reply-To and References as MimeKit reads them: ids without angle brackets.</summary>
internal static class MessageIds
{
    /// <summary>The id of the first Message-ID field, read from its raw bytes so the full parse and <see cref="MimeParser.ReadMessageId"/> always agree.</summary>
    public static string? First(IEnumerable<MessageHeader> headers) =>
        headers.FirstOrDefault(h => h.Name.Equals("Message-ID", StringComparison.OrdinalIgnoreCase)) is { } field ? Of(field.RawValue) : null;

    public static string? Of(byte[] rawValue) => MimeUtils.ParseMessageId(rawValue, 0, rawValue.Length) is { Length: > 0 } id ? id : null;

    public static IEnumerable<string> In(MessageHeader field) => MimeUtils.EnumerateReferences(field.RawValue, 0, field.RawValue.Length);
}
