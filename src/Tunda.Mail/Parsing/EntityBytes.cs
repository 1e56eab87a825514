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
        part.Content.DecodeTo(decoded);
        return decoded.ToArray();
    }

    public static byte[] Of(MimeMessage message)
    {
        using var written = new MemoryStream();
        message.WriteTo(written);
        return written.ToArray();
    }
}
