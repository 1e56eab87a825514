namespace Tunda.Web.Features.Inbound;

/// <summary>The bytes read on stdin: the whole message, or its first bytes when it is over the limit.</summary>
internal sealed record PipedMessage(byte[] Bytes, bool Truncated, long Limit)
{
    public static async Task<PipedMessage> ReadAsync(Stream input, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                buffer.Write(chunk, 0, read);
                // Read the rest too: an MTA that sees its pipe closed early reports a write error, not our exit code.
                while (await input.ReadAsync(chunk) > 0)
                {
                }

                var kept = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, InboundOptions.TruncatedKeepBytes)).ToArray();
                return new PipedMessage(kept, Truncated: true, limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return new PipedMessage(buffer.ToArray(), Truncated: false, limit);
    }
}
