using MimeKit;

namespace Tunda.Mail.Parsing;

/// <summary>A part's content with its transfer encoding undone.</summary>
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
        if (content.Encoding is ContentEncoding.QuotedPrintable or ContentEncoding.Base64)
        {
            using var encoded = new MemoryStream();
            content.WriteTo(encoded);
            var repaired = content.Encoding == ContentEncoding.Base64 ? EncodingRepairs.PadBase64(encoded.ToArray()) : EncodingRepairs.RemoveQuotedPrintablePadding(encoded.ToArray());
            content = new MimeContent(new MemoryStream(repaired, writable: false), content.Encoding);
        }

        content.DecodeTo(decoded);
        return decoded.ToArray();
    }
}
