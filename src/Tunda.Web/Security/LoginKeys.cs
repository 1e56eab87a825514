using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tunda.Domain.Logins;

namespace Tunda.Web.Security;

/// <summary>How an e-mail becomes the key of a login: normalised address and a stable login id.</summary>
public static class LoginKeys
{
    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// Trimmed, lower-cased, domain in its ASCII (punycode) form, so "Mario@Pèsca.it" and
    /// "mario@xn--psca-6oa.it" are one login. Null when it is not an address at all.
    /// </summary>
    public static string? NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254)
        {
            return null;
        }

        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || trimmed.Any(char.IsWhiteSpace))
        {
            return null;
        }

        try
        {
            var domain = Idn.GetAscii(trimmed[(at + 1)..].TrimEnd('.')).ToLowerInvariant();
            return $"{trimmed[..at].ToLowerInvariant()}@{domain}";
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// A name-based id (RFC 4122 version 5 layout over SHA-256) so the same person and realm always
    /// get the same login stream without a lookup table.
    /// </summary>
    public static Guid LoginId(LoginRealm realm, string normalisedEmail)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"tunda-login:{realm}:{normalisedEmail}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
