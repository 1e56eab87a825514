namespace Tunda.Mail.Parsing;

/// <summary>
/// The comparable form of an addr-spec: the local part as written, the domain lower-cased in its
/// ASCII (punycode) form. Null for anything that is not an address.
/// </summary>
internal static class AddressNormalizer
{
    public static string? Normalize(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Length > 320)
        {
            return null;
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        if (!ValidLocalPart(local))
        {
            return null;
        }

        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            return domain.AsSpan(1, domain.Length - 2).ContainsAny(" []\\") ? null : $"{local}@{domain.ToLowerInvariant()}";
        }

        var ascii = IdnDomains.ToAscii(domain);
        return ascii is not null && (ascii.Contains('.', StringComparison.Ordinal) || ascii == "localhost") ? $"{local}@{ascii}" : null;
    }

    private static bool ValidLocalPart(string local)
    {
        if (local.Length >= 2 && local[0] == '"' && local[^1] == '"')
        {
            return !local.AsSpan(1, local.Length - 2).ContainsAny("\r\n");
        }

        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (c <= ' ' || c == 127 || c is '(' or ')' or '<' or '>' or '[' or ']' or ':' or ';' or '@' or '\\' or ',' or '"')
            {
                return false;
            }
        }

        return true;
    }
}
