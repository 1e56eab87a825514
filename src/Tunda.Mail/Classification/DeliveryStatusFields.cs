namespace Tunda.Mail.Classification;

/// <summary>
/// The body of a message/delivery-status part (RFC 3464 section 2): header-like fields in blocks
/// separated by blank lines, the first block about the message, each further block about one recipient.
/// </summary>
internal static class DeliveryStatusFields
{
    public static IReadOnlyList<DeliveryRecipient> ReadRecipients(string text)
    {
        var recipients = new List<DeliveryRecipient>();
        // The per-message block has no recipient fields; testing every block also reads a report
        // whose writer forgot the blank line after the per-message fields.
        foreach (var block in Blocks(text).Where(IsRecipientBlock))
        {
            // Original-Recipient (the address as our mail named it) is preferred over Final-Recipient
            // (where a forward finally led), because staff look the bounce up by the address we wrote to.
            var address = Address(block.GetValueOrDefault("original-recipient")) ?? Address(block.GetValueOrDefault("final-recipient"));
            recipients.Add(new DeliveryRecipient(
                address ?? "",
                StructuredValue.FirstKeyword(block.GetValueOrDefault("action")),
                StructuredValue.FirstKeyword(block.GetValueOrDefault("status")),
                block.GetValueOrDefault("diagnostic-code")?.Trim()));
        }

        return recipients;
    }

    private static bool IsRecipientBlock(Dictionary<string, string> block) =>
        block.ContainsKey("final-recipient") || block.ContainsKey("original-recipient");

    /// <summary>"rfc822; user@example.com" (address type, then the address, maybe in angle brackets) gives the address.</summary>
    private static string? Address(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = StructuredValue.WithoutComments(value);
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        var address = (semicolon < 0 ? text : text[(semicolon + 1)..]).Trim().Trim('<', '>').Trim();
        return address.Length == 0 ? null : address;
    }

    /// <summary>Unfolds continuation lines and splits into blocks; the first occurrence of a field in a block wins.</summary>
    private static List<Dictionary<string, string>> Blocks(string text)
    {
        var blocks = new List<Dictionary<string, string>>();
        Dictionary<string, string>? block = null;
        string? lastName = null;
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                block = null;
                lastName = null;
                continue;
            }

            if (block is null)
            {
                block = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                blocks.Add(block);
            }

            if (line[0] is ' ' or '\t')
            {
                if (lastName is not null)
                {
                    block[lastName] += " " + line.Trim();
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                lastName = null;
                continue;
            }

            var name = line[..colon].Trim().ToLowerInvariant();
            lastName = block.TryAdd(name, line[(colon + 1)..].Trim()) ? name : null;
        }

        return blocks;
    }
}
