using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Tunda.Mail.Parsing;

/// <summary>The mailboxes of an address field (From, To...) as MimeKit's <see cref="InternetAddressList"/> reads them, groups flattened.</summary>
internal static class AddressReader
{
    public static List<InboundMailbox> Read(HeaderList headers, string name)
    {
        var result = new List<InboundMailbox>();
        foreach (var header in headers.All(name))
        {
            if (InternetAddressList.TryParse(ReaderOptions.For(MimeParserLimits.Default), header.RawValue, out var list) && list.Count > 0)
            {
                Flatten(list, null, new WrittenField(header.RawValue), result);
            }
            else if (header.Value.Length > 0)
            {
                // Kept as written, never valid: staff still see who the sender claimed to be.
                result.Add(new InboundMailbox(header.Value, null, null));
            }
        }

        return result;
    }

    private static void Flatten(IEnumerable<InternetAddress> addresses, string? group, WrittenField field, List<InboundMailbox> result)
    {
        foreach (var address in addresses)
        {
            if (address is GroupAddress members)
            {
                Flatten(members.Members, members.Name, field, result);
            }
            else if (address is MimeKit.MailboxAddress mailbox)
            {
                // MimeKit shows a punycode domain in Unicode; the address is kept the way the sender wrote it.
                var addrSpec = Ascii.IsValid(mailbox.Address) || !field.HasPunycode ? mailbox.Address : mailbox.GetAddress(idnEncode: true);
                result.Add(new InboundMailbox(addrSpec, DisplayName(mailbox.Name, field), AddressNormalizer.Normalize(addrSpec), group));
            }
        }
    }

    /// <summary>
    /// An encoded word MimeKit left undecoded in a display name (one whose text holds '@' or '.') is still
    /// decoded, as mail clients show it, unless the sender wrote it inside quotes, where it is plain text.
    /// </summary>
    private static string? DisplayName(string? name, WrittenField field)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (name.Contains("=?", StringComparison.Ordinal) && field.HasBareEncodedWord(name))
        {
            name = Rfc2047.DecodeText(ReaderOptions.For(MimeParserLimits.Default), Encoding.UTF8.GetBytes(name));
        }

        return TextDecoding.Header(name).Trim();
    }

    /// <summary>The field as written, for what MimeKit's parsed addresses cannot tell; each answer costs one pass over the field at most.</summary>
    private sealed class WrittenField(byte[] rawValue)
    {
        // A longer field is a list nobody reads name by name: its names stay as MimeKit gives them, so a
        // hostile list of thousands of names is never searched once per name.
        private const int MaxSearchedBytes = 16 * 1024;

        private string? text;
        private bool? hasPunycode;

        private string Text => text ??= Encoding.Latin1.GetString(rawValue);

        public bool HasPunycode => hasPunycode ??= Text.Contains("xn--", StringComparison.OrdinalIgnoreCase);

        public bool HasBareEncodedWord(string encoded) =>
            rawValue.Length <= MaxSearchedBytes && Text.Contains(encoded, StringComparison.Ordinal) && !Text.Contains('"' + encoded, StringComparison.Ordinal);
    }
}
