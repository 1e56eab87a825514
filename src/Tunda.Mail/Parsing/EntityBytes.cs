using MimeKit;

namespace Tunda.Mail.Parsing;

/// <summary>The bytes a leaf stands for: a part's content with its transfer encoding undone, or an embedded message as written.</summary>
internal static class EntityBytes
{
    public static byte[] Decoded(MimePart part)
    {
        if (part.Content is null)
        {
            return [];
        }

        using var decoded = new MemoryStream();
        var content = part.Content;
        if (content.Encoding == ContentEncoding.QuotedPrintable)
        {
            using var encoded = new MemoryStream();
            content.WriteTo(encoded);
            content = new MimeContent(new MemoryStream(QuotedPrintablePadding.Remove(encoded.ToArray()), writable: false), ContentEncoding.QuotedPrintable);
        }

        content.DecodeTo(decoded);
        return decoded.ToArray();
    }

    public static byte[] Of(MimeMessage message)
    {
        using var written = new MemoryStream();
        message.WriteTo(written);
        return written.ToArray();
    }
}
