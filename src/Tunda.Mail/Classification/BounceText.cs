using System.Text.RegularExpressions;

namespace Tunda.Mail.Classification;

/// <summary>
/// Reads a bounce written for people (qmail, Exim, webmail servers): the recipients are taken only where
/// it is obvious, a line naming an address together with an enhanced status code (RFC 3463), or an
/// address alone on its line (qmail, Exim) or in a "wasn't delivered to" sentence, followed closely by the code.
/// </summary>
internal static partial class BounceText
{
    // How many lines after an address-only line may hold its status code.
    private const int LinesToCode = 4;

    private static readonly string[] RecipientPhrases = ["delivered to", "delivery to", "recapitato a", "recapitare a", "consegnato a"];

    public static (IReadOnlyList<DeliveryRecipient> Recipients, string? OriginalMessageId) Read(IEnumerable<string> texts)
    {
        var recipients = new List<DeliveryRecipient>();
        string? originalId = null;
        foreach (var text in texts)
        {
            ReadRecipients(text, recipients);
            originalId ??= MessageIdIn(text);
        }

        return (recipients, originalId);
    }

    /// <summary>The msg-id of the first "Message-ID:" line (also folded onto the next line, also quoted with "&gt;"), without brackets.</summary>
    public static string? MessageIdIn(string text)
    {
        var lines = Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart('>', ' ', '\t');
            if (!line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = line["Message-ID:".Length..].Trim();
            if (value.Length == 0 && i + 1 < lines.Length)
            {
                value = lines[i + 1].TrimStart('>', ' ', '\t').Trim();
            }

            var bare = value.Trim();
            var open = bare.IndexOf('<', StringComparison.Ordinal);
            var close = open < 0 ? -1 : bare.IndexOf('>', open + 1);
            bare = open >= 0 && close > open ? bare[(open + 1)..close] : bare.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (bare.Contains('@', StringComparison.Ordinal))
            {
                return bare;
            }
        }

        return null;
    }

    private static void ReadRecipients(string text, List<DeliveryRecipient> recipients)
    {
        string? pending = null;
        var linesSincePending = 0;
        foreach (var line in Lines(text))
        {
            // The returned original starts here: its headers and text are not about the delivery.
            if (line.StartsWith("Received:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            var code = Match(StatusCode(), line);
            var address = Match(Address(), line);
            if (code is not null && (address ?? pending) is { } recipient)
            {
                Add(recipients, recipient, code, line.Trim());
                pending = null;
                continue;
            }

            if (address is not null && (AddressOnly().IsMatch(line) || NamesFailedRecipient(line)))
            {
                pending = address;
                linesSincePending = 0;
            }
            else if (pending is not null && line.Trim().Length > 0 && ++linesSincePending > LinesToCode)
            {
                pending = null;
            }
        }
    }

    /// <summary>"Your message wasn't delivered to x@example.it because...", "Il messaggio non è stato recapitato a x@example.it".</summary>
    private static bool NamesFailedRecipient(string line) =>
        RecipientPhrases.Any(p => line.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static void Add(List<DeliveryRecipient> recipients, string address, string code, string diagnostic)
    {
        if (recipients.Any(r => r.Recipient.Equals(address, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var action = code[0] == '5' ? "failed" : code[0] == '4' ? "delayed" : "delivered";
        recipients.Add(new DeliveryRecipient(address, action, code, StructuredValue.Shown(diagnostic)));
    }

    // The patterns run without backtracking, so a hostile line costs time linear in its length, and no timeout is needed.
    private static string? Match(Regex regex, string line)
    {
        var match = regex.Match(line);
        return match.Success ? match.Groups["value"].Value : null;
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [GeneratedRegex(@"(?:^|[^0-9.])(?<value>[245]\.[0-9]{1,3}\.[0-9]{1,3})(?:$|[^0-9.])", RegexOptions.NonBacktracking)]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"(?<value>[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*\.)+[A-Za-z0-9-]+)", RegexOptions.NonBacktracking)]
    private static partial Regex Address();

    [GeneratedRegex(@"^[ \t]*<?[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>?:?[ \t]*$", RegexOptions.NonBacktracking)]
    private static partial Regex AddressOnly();
}
