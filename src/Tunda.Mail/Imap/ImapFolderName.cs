using System.Text;

namespace Tunda.Mail.Imap;

/// <summary>Folder names on the wire are "modified UTF-7" (RFC 3501 section 5.1.3): "Posta inviata" stays, "Élite" becomes "&amp;AMk-lite".</summary>
public static class ImapFolderName
{
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new StringBuilder();
        var pending = new StringBuilder();
        foreach (var c in name)
        {
            if (c is >= ' ' and <= '~')
            {
                Flush(result, pending);
                result.Append(c == '&' ? "&-" : c.ToString());
            }
            else
            {
                pending.Append(c);
            }
        }

        Flush(result, pending);
        return result.ToString();
    }

    /// <summary>Decodes a name as the server sent it; a malformed shift sequence is kept as it is.</summary>
    public static string Decode(string wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var result = new StringBuilder();
        var i = 0;
        while (i < wire.Length)
        {
            var end = wire[i] == '&' ? wire.IndexOf('-', i + 1) : -1;
            if (end < 0)
            {
                result.Append(wire[i++]);
                continue;
            }

            var encoded = wire[(i + 1)..end];
            result.Append(encoded.Length == 0 ? "&" : DecodeShifted(encoded) ?? wire[i..(end + 1)]);
            i = end + 1;
        }

        return result.ToString();
    }

    private static void Flush(StringBuilder result, StringBuilder pending)
    {
        if (pending.Length == 0)
        {
            return;
        }

        var base64 = Convert.ToBase64String(Encoding.BigEndianUnicode.GetBytes(pending.ToString())).TrimEnd('=').Replace('/', ',');
        result.Append('&').Append(base64).Append('-');
        pending.Clear();
    }

    private static string? DecodeShifted(string encoded)
    {
        var base64 = encoded.Replace(',', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        try
        {
            return Encoding.BigEndianUnicode.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
