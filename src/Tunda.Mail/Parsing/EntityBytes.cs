using MimeKit;
using MimeKit.Encodings;

namespace Tunda.Mail.Parsing;

/// <summary>A part's content with its transfer encoding undone by MimeKit's decoders, after <see cref="EncodingRepairs"/>.</summary>
internal static class EntityBytes
{
    public static byte[] Decoded(MimePart part)
    {
        if (part.Content is not { } content)
        {
            return [];
        }

        var encoded = Encoded(content);
        var (decoder, input) = content.Encoding switch
        {
            ContentEncoding.Base64 => ((IMimeDecoder?)new Base64Decoder(), EncodingRepairs.PadBase64(encoded)),
            ContentEncoding.QuotedPrintable => (new QuotedPrintableDecoder(), EncodingRepairs.RemoveQuotedPrintablePadding(encoded)),
            ContentEncoding.UUEncode => (new UUDecoder(), encoded),
            _ => (null, encoded),
        };
        if (decoder is null)
        {
            return input;
        }

        var output = new byte[decoder.EstimateOutputLength(input.Length)];
        var length = decoder.Decode(input, 0, input.Length, output);
        return length == output.Length ? output : output[..length];
    }

    private static byte[] Encoded(IMimeContent content)
    {
        if (content.Stream is not { } stream)
        {
            return [];
        }

        stream.Position = 0;
        var encoded = new byte[stream.Length];
        stream.ReadExactly(encoded);
        return encoded;
    }
}
