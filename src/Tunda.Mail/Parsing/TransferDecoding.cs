namespace Tunda.Mail.Parsing;

/// <summary>
/// Content-Transfer-Encoding decoders that accept what real mailers send: base64 with stray
/// characters or missing padding, quoted-printable with bad escapes. Unknown encodings are read as 8bit.
/// </summary>
internal static class TransferDecoding
{
    private static readonly sbyte[] Base64Values = BuildBase64Table();

    public static byte[] Decode(ReadOnlySpan<byte> body, string? encoding) =>
        encoding?.Trim().ToLowerInvariant() switch
        {
            "base64" => Base64(body),
            "quoted-printable" => QuotedPrintable(body, underscoreIsSpace: false),
            _ => body.ToArray(),
        };

    /// <summary>Skips every byte that is not in the base64 alphabet; '=' ends a quantum, so padded chunks may be concatenated.</summary>
    public static byte[] Base64(ReadOnlySpan<byte> text)
    {
        var output = new byte[(text.Length / 4 * 3) + 3];
        var length = 0;
        var quantum = 0;
        var count = 0;
        foreach (var b in text)
        {
            var value = Base64Values[b];
            if (value >= 0)
            {
                quantum = (quantum << 6) | (value & 0x3F);
                if (++count == 4)
                {
                    output[length++] = (byte)(quantum >> 16);
                    output[length++] = (byte)(quantum >> 8);
                    output[length++] = (byte)quantum;
                    quantum = 0;
                    count = 0;
                }
            }
            else if (b == '=' && count > 0)
            {
                length = Flush(output, length, quantum, count);
                quantum = 0;
                count = 0;
            }
        }

        length = Flush(output, length, quantum, count);
        return output.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// Soft line breaks removed (also "=" followed by trailing blanks), whitespace before a hard break
    /// dropped, a malformed escape kept literally. In encoded words '_' stands for a space.
    /// </summary>
    public static byte[] QuotedPrintable(ReadOnlySpan<byte> text, bool underscoreIsSpace)
    {
        var output = new byte[text.Length];
        var length = 0;
        var i = 0;
        while (i < text.Length)
        {
            var b = text[i];
            if (b == '=')
            {
                if (i + 2 < text.Length && HexValue(text[i + 1]) is var high and >= 0 && HexValue(text[i + 2]) is var low and >= 0)
                {
                    output[length++] = (byte)((high << 4) | low);
                    i += 3;
                    continue;
                }

                var afterBlanks = SkipBlanks(text, i + 1);
                if (afterBlanks == text.Length || text[afterBlanks] is (byte)'\r' or (byte)'\n')
                {
                    i = SkipLineEnd(text, afterBlanks);
                    continue;
                }

                output[length++] = b;
                i++;
            }
            else if (b is (byte)' ' or (byte)'\t')
            {
                var afterBlanks = SkipBlanks(text, i);
                if (!underscoreIsSpace && (afterBlanks == text.Length || text[afterBlanks] is (byte)'\r' or (byte)'\n'))
                {
                    i = afterBlanks;
                    continue;
                }

                output[length++] = b;
                i++;
            }
            else
            {
                output[length++] = underscoreIsSpace && b == '_' ? (byte)' ' : b;
                i++;
            }
        }

        return output.AsSpan(0, length).ToArray();
    }

    private static int Flush(byte[] output, int length, int quantum, int count)
    {
        switch (count)
        {
            case 2:
                output[length++] = (byte)(quantum >> 4);
                break;
            case 3:
                output[length++] = (byte)(quantum >> 10);
                output[length++] = (byte)(quantum >> 2);
                break;
            default:
                break;
        }

        return length;
    }

    private static int SkipBlanks(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static int SkipLineEnd(ReadOnlySpan<byte> text, int i)
    {
        if (i < text.Length && text[i] == '\r')
        {
            i++;
        }

        if (i < text.Length && text[i] == '\n')
        {
            i++;
        }

        return i;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };

    private static sbyte[] BuildBase64Table()
    {
        var table = new sbyte[256];
        Array.Fill(table, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++)
        {
            table[alphabet[i]] = (sbyte)i;
        }

        // The URL-safe alphabet turns up in the wild too.
        table['-'] = 62;
        table['_'] = 63;
        return table;
    }
}
