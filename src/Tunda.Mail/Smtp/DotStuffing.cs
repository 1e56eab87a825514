namespace Tunda.Mail;

/// <summary>SMTP data transparency (RFC 5321 section 4.5.2) and the terminating dot line.</summary>
public static class DotStuffing
{
    public static byte[] Stuff(ReadOnlySpan<byte> message)
    {
        var output = new List<byte>(message.Length + 64);
        var atLineStart = true;
        foreach (var b in message)
        {
            if (atLineStart && b == '.')
            {
                output.Add((byte)'.');
            }

            output.Add(b);
            atLineStart = b == '\n';
        }

        if (output.Count < 2 || output[^2] != '\r' || output[^1] != '\n')
        {
            output.AddRange("\r\n"u8);
        }

        output.AddRange(".\r\n"u8);
        return [.. output];
    }
}
