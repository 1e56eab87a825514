namespace Tunda.Mail.Parsing;

/// <summary>
/// One node of the MIME tree. Multiparts have <see cref="Children"/>; a message/rfc822 part has
/// <see cref="EmbeddedMessage"/>; leaves have their transfer-decoded <see cref="Content"/> and, for
/// text parts, the <see cref="Text"/> decoded from the charset.
/// </summary>
public sealed class MimeEntity
{
    public required HeaderList Headers { get; init; }

    public required ContentType ContentType { get; init; }

    /// <summary>The Content-Disposition ("inline", "attachment", lower-cased, parameters decoded), or null.</summary>
    public ContentType? Disposition { get; init; }

    /// <summary>The Content-ID without angle brackets, or null.</summary>
    public string? ContentId { get; init; }

    public IReadOnlyList<MimeEntity> Children { get; init; } = [];

    public ParsedMessage? EmbeddedMessage { get; init; }

    public byte[] Content { get; init; } = [];

    public string? Text { get; init; }

    public bool IsMultipart => ContentType.MediaType.Equals("multipart", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<MimeEntity> DescendantsAndSelf() => Children.SelectMany(c => c.DescendantsAndSelf()).Prepend(this);
}
