namespace Tunda.Mail.Parsing;

/// <summary>
/// RFC 2045 section 6.7 (3): blanks at the end of a quoted-printable line were added in transport and
/// must be deleted before decoding, so "=" followed by blanks still ends in a soft line break.
/// MimeKit's decoder keeps them; this removes them from the encoded bytes first.
/// </summary>
internal static class QuotedPrintablePadding
{
    public static byte[] Remove(byte[] encoded)
    {
        var result = new byte[encoded.Length];
        var length = 0;
        var blanksFrom = -1;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b is (byte)' ' or (byte)'\t')
            {
                blanksFrom = blanksFrom < 0 ? i : blanksFrom;
                continue;
            }

            if (blanksFrom >= 0 && b is not ((byte)'\r' or (byte)'\n'))
            {
                encoded.AsSpan(blanksFrom, i - blanksFrom).CopyTo(result.AsSpan(length));
                length += i - blanksFrom;
            }

            blanksFrom = -1;
            result[length++] = b;
        }

        return result[..length];
    }
}
