namespace Tunda.Mail.Parsing;

/// <summary>
/// A file carried by a message. <see cref="FileName"/> is already sanitised (no path separators, no
/// control characters) and unique within the message; <see cref="ContentId"/> is set for inline parts
/// an HTML body refers to as cid:.
/// </summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content, string? ContentId, bool IsInline)
{
    public long Size => Content.LongLength;
}
