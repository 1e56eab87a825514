using System.Text;
using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Classification;

/// <summary>Parsed messages built by hand, for classification tests that need no parser.</summary>
internal static class Built
{
    public static ParsedMessage Message(
        (string Name, string Value)[]? headers = null,
        string from = "mario.rossi@example.it",
        string subject = "Problema col dominio",
        string text = "Buongiorno, il sito non risponde.",
        MimeEntity? body = null)
    {
        var all = new List<(string, string)> { ("From", from), ("Subject", subject) };
        all.AddRange(headers ?? []);
        return new ParsedMessage
        {
            Headers = Headers(all),
            Subject = subject,
            From = [Mailbox(from)],
            Body = body ?? Text("plain", text),
            TextBody = text,
            Date = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(1)),
        };
    }

    public static ParsedMessage WithMessageId(ParsedMessage message, string id) => new()
    {
        Headers = message.Headers,
        Subject = message.Subject,
        From = message.From,
        Body = message.Body,
        TextBody = message.TextBody,
        MessageId = id,
    };

    public static HeaderList Headers(IEnumerable<(string Name, string Value)> headers) =>
        new([.. headers.Select(h => new MessageHeader(h.Name, Encoding.UTF8.GetBytes(" " + h.Value), h.Value))]);

    public static InboundMailbox Mailbox(string address)
    {
        var at = address.LastIndexOf('@');
        return new InboundMailbox(address, null, at > 0 ? address[..at] + address[at..].ToLowerInvariant() : null);
    }

    public static MimeEntity Text(string subType, string text) => new()
    {
        Headers = HeaderList.Empty,
        ContentType = Type("text", subType, ("charset", "utf-8")),
        Content = Encoding.UTF8.GetBytes(text),
        Text = text,
    };

    /// <summary>A leaf whose content only has bytes (message/delivery-status, text/rfc822-headers as a parser may leave them).</summary>
    public static MimeEntity Bytes(string mediaType, string subType, string content) => new()
    {
        Headers = HeaderList.Empty,
        ContentType = Type(mediaType, subType),
        Content = Encoding.UTF8.GetBytes(content),
    };

    public static MimeEntity Embedded(ParsedMessage message) => new()
    {
        Headers = HeaderList.Empty,
        ContentType = Type("message", "rfc822"),
        EmbeddedMessage = message,
    };

    public static MimeEntity Multipart(string subType, (string Name, string Value)[] parameters, params MimeEntity[] children) => new()
    {
        Headers = HeaderList.Empty,
        ContentType = Type("multipart", subType, [("boundary", "b1"), .. parameters]),
        Children = children,
    };

    public static ContentType Type(string mediaType, string subType, params (string Name, string Value)[] parameters) =>
        new(mediaType, subType, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase));
}
