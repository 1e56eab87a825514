namespace Tunda.Mail;

/// <summary>
/// One mailbox: an addr-spec and an optional display name. The domain is kept in its ASCII
/// (punycode) form, so an IDN address goes on the wire as SMTP servers without SMTPUTF8 expect.
/// </summary>
public sealed record MailboxAddress
{
    public MailboxAddress(string address, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        HeaderValues.RejectLineBreaks(address, nameof(address));
        Address = Normalise(address.Trim());
        DisplayName = Folded(displayName);
    }

    /// <summary>
    /// A person's name is user data, and a mail to them must not fail on it: line breaks and other control
    /// characters fold into single spaces (so no name can start a header of its own); an empty name is none.
    /// </summary>
    private static string? Folded(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return null;
        }

        var words = displayName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(word => word.Split(Controls, StringSplitOptions.RemoveEmptyEntries));
        var folded = string.Join(' ', words);
        return folded.Length == 0 ? null : folded;
    }

    private static readonly char[] Controls = [.. Enumerable.Range(0, 32).Select(c => (char)c), '\u007f'];

    /// <summary>local-part@domain, the domain in punycode.</summary>
    public string Address { get; }

    public string? DisplayName { get; }

    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    public override string ToString() => DisplayName is null ? Address : $"{DisplayName} <{Address}>";

    internal MimeKit.MailboxAddress ToMimeKit() => new(DisplayName, Address);

    private static string Normalise(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            throw new ArgumentException($"'{address}' is not an e-mail address (local-part@domain).", nameof(address));
        }

        var local = address[..at];
        if (local.Length > 64)
        {
            throw new ArgumentException($"The local part of '{address}' is longer than 64 characters (RFC 5321).", nameof(address));
        }

        foreach (var c in local)
        {
            // SMTPUTF8 is not negotiated, so the local part must be printable ASCII without separators.
            if (c <= ' ' || c >= 127 || c is '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '"' or '[' or ']' or '@')
            {
                throw new ArgumentException($"The local part of '{address}' holds a character that cannot be sent: '{c}'.", nameof(address));
            }
        }

        var domain = IdnDomains.ToAscii(address[(at + 1)..])
            ?? throw new ArgumentException($"The domain of '{address}' is not a valid host name.", nameof(address));

        return local.Length + 1 + domain.Length <= 254
            ? $"{local}@{domain}"
            : throw new ArgumentException($"'{address}' is longer than the 254 characters an address may have.", nameof(address));
    }
}
