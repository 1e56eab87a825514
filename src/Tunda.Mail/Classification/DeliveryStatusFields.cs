using MimeKit;

namespace Tunda.Mail.Classification;

/// <summary>
/// The recipients of a message/delivery-status part (RFC 3464 section 2), read with MimeKit's
/// <see cref="MessageDeliveryStatus"/>: header-like groups, the first about the message, each further one
/// about one recipient.
/// </summary>
internal static class DeliveryStatusFields
{
    public static IReadOnlyList<DeliveryRecipient> ReadRecipients(byte[] content)
    {
        var status = new MessageDeliveryStatus { Content = new MimeContent(new MemoryStream(content, writable: false)) };
        var recipients = new List<DeliveryRecipient>();
        // The per-message group has no recipient fields; testing every group also reads a report
        // whose writer forgot the blank line after the per-message fields.
        foreach (var group in status.StatusGroups.Where(IsRecipientGroup))
        {
            // Original-Recipient (the address as our mail named it) is preferred over Final-Recipient
            // (where a forward finally led), because staff look the bounce up by the address we wrote to.
            var address = Address(group["Original-Recipient"]) ?? Address(group["Final-Recipient"]);
            recipients.Add(new DeliveryRecipient(
                address ?? "",
                StructuredValue.FirstKeyword(group["Action"]),
                StructuredValue.FirstKeyword(group["Status"]),
                OneLine(group["Diagnostic-Code"])));
        }

        return recipients;
    }

    private static bool IsRecipientGroup(MimeKit.HeaderList group) =>
        group.Contains("Final-Recipient") || group.Contains("Original-Recipient");

    /// <summary>A folded value on one line, its folding blanks one space.</summary>
    private static string? OneLine(string? value) =>
        value is null ? null : string.Join(' ', value.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

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
}
