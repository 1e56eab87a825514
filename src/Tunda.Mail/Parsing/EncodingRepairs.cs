namespace Tunda.Mail.Parsing;

/// <summary>
/// Two repairs of damaged transfer encodings that MimeKit's decoders do not make, done on the encoded
/// bytes before MimeKit decodes them, so no byte the sender sent is lost.
/// </summary>
internal static class EncodingRepairs
{
    private static readonly System.Buffers.SearchValues<byte> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    private static readonly System.Buffers.SearchValues<byte> AlphabetAndLineBreaks =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\r\n"u8);

    /// <summary>
    /// Base64 whose padding was cut off: MimeKit drops the last incomplete group of 2 or 3 characters,
    /// which carries the last 1 or 2 bytes of the file. The missing '=' are added.
    /// </summary>
    public static byte[] PadBase64(byte[] encoded)
    {
        var last = encoded.AsSpan().LastIndexOfAny(Alphabet);
        if (last < 0)
        {
            return encoded;
        }

        // The final group starts after the last '=' before it (padding ends a group).
        var groupStart = encoded.AsSpan(0, last).LastIndexOf((byte)'=') + 1;
        var group = encoded.AsSpan(groupStart, last + 1 - groupStart);
        var characters = 0;
        if (group.IndexOfAnyExcept(AlphabetAndLineBreaks) < 0)
        {
            // The usual case, counted with vector instructions: nothing but the alphabet and line breaks.
            characters = group.Length - group.Count((byte)'\r') - group.Count((byte)'\n');
        }
        else
        {
            foreach (var b in group)
            {
                characters += Alphabet.Contains(b) ? 1 : 0;
            }
        }

        return (characters % 4) is 2 or 3 ? [.. encoded.AsSpan(0, last + 1), .. "=="u8[..(4 - characters % 4)]] : encoded;
    }

    /// <summary>
    /// RFC 2045 section 6.7 (3): blanks at the end of a quoted-printable line were added in transport and
    /// must be deleted before decoding, so "=" followed by blanks still ends in a soft line break.
    /// MimeKit's decoder keeps them.
    /// </summary>
    public static byte[] RemoveQuotedPrintablePadding(byte[] encoded)
    {
        if (!HasBlankBeforeLineEnd(encoded))
        {
            return encoded;
        }

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

    private static bool HasBlankBeforeLineEnd(ReadOnlySpan<byte> encoded)
    {
        for (var end = encoded.IndexOfAny((byte)'\r', (byte)'\n'); end >= 0; end = encoded.IndexOfAny((byte)'\r', (byte)'\n'))
        {
            if (end > 0 && encoded[end - 1] is (byte)' ' or (byte)'\t')
            {
                return true;
            }

            encoded = encoded[(end + 1)..];
        }

        return encoded.Length > 0 && encoded[^1] is (byte)' ' or (byte)'\t';
    }
}
