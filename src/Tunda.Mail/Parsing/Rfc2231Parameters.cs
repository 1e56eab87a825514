using System.Text;

namespace Tunda.Mail.Parsing;

/// <summary>
/// Parameters of Content-Type and Content-Disposition: quoted strings, RFC 2231 continuations
/// (name*0, name*1*) and charsets (name*=utf-8'it'caff%C3%A8), and the encoded words many mailers
/// put in quoted values although RFC 2047 forbids it there.
/// </summary>
internal static class Rfc2231Parameters
{
    public static Dictionary<string, string> Parse(string text, int start)
    {
        var plain = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sections = new Dictionary<string, List<(int Index, bool Extended, string Value)>>(StringComparer.OrdinalIgnoreCase);
        var pos = start;
        while (pos < text.Length)
        {
            var (name, value, next) = ReadParameter(text, pos);
            pos = next;
            if (name.Length == 0)
            {
                continue;
            }

            var star = name.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                plain.TryAdd(name, EncodedWordDecoder.Decode(value, 100, out _));
                continue;
            }

            var suffix = name[(star + 1)..];
            var extended = suffix.EndsWith('*') || suffix.Length == 0;
            var digits = suffix.TrimEnd('*');
            var index = digits.Length == 0 ? 0 : int.TryParse(digits, out var n) ? n : -1;
            if (index >= 0)
            {
                var baseName = name[..star];
                if (!sections.TryGetValue(baseName, out var list))
                {
                    sections[baseName] = list = [];
                }

                list.Add((index, extended, value));
            }
        }

        foreach (var (name, list) in sections)
        {
            plain[name] = Join(list);
        }

        return plain;
    }

    private static string Join(List<(int Index, bool Extended, string Value)> sections)
    {
        sections.Sort((a, b) => a.Index.CompareTo(b.Index));
        string? charset = null;
        var bytes = new List<byte>();
        for (var i = 0; i < sections.Count; i++)
        {
            var (_, extended, value) = sections[i];
            if (!extended)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value));
                continue;
            }

            if (i == 0)
            {
                var first = value.IndexOf('\'', StringComparison.Ordinal);
                var second = first < 0 ? -1 : value.IndexOf('\'', first + 1);
                if (second > first)
                {
                    charset = value[..first];
                    value = value[(second + 1)..];
                }
            }

            PercentDecode(value, bytes);
        }

        return Charsets.Decode([.. bytes], charset);
    }

    private static void PercentDecode(string value, List<byte> bytes)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex(value[i + 1]) << 4) | Uri.FromHex(value[i + 2])));
                i += 2;
            }
            else if (value[i] < 128)
            {
                bytes.Add((byte)value[i]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }
    }

    /// <summary>Reads "name=value" up to the next ';' outside quotes; a value may be quoted or a bare run of text.</summary>
    private static (string Name, string Value, int Next) ReadParameter(string text, int pos)
    {
        var equals = -1;
        var i = pos;
        while (i < text.Length && text[i] != ';' && text[i] != '=')
        {
            i++;
        }

        if (i < text.Length && text[i] == '=')
        {
            equals = i;
        }

        if (equals < 0)
        {
            return ("", "", i + 1);
        }

        var name = text[pos..equals].Trim().ToLowerInvariant();
        i = equals + 1;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var value = new StringBuilder();
        var quoted = i < text.Length && text[i] == '"';
        if (quoted)
        {
            for (i++; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                value.Append(text[i]);
            }

            // Anything between the closing quote and the next ';' is noise.
            while (i < text.Length && text[i] != ';')
            {
                i++;
            }
        }
        else
        {
            while (i < text.Length && text[i] != ';')
            {
                value.Append(text[i]);
                i++;
            }
        }

        return (name, quoted ? value.ToString() : value.ToString().Trim(), i + 1);
    }
}
