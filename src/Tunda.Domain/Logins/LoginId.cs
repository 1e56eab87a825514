using System.Security.Cryptography;
using System.Text;

namespace Tunda.Domain.Logins;

/// <summary>
/// The id of a Login stream, derived from who logs in: a name-based UUID (RFC 9562 version 5,
/// SHA-1 over a fixed namespace and "realm:e-mail"). The same person always lands on the same
/// stream without a lookup table, and a customer and a staff member with one address stay apart.
/// </summary>
public static class LoginId
{
    /// <summary>Tunda's namespace for login ids. Never change it: every stored login stream hangs on it.</summary>
    public static readonly Guid Namespace = new("6f1c7a52-3b0e-4c2d-9a55-0b7e4d1f8c21");

    /// <param name="normalisedEmail">The address as <see cref="Identity.EmailAddress.Value"/> gives it.</param>
    public static Guid For(LoginRealm realm, string normalisedEmail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(normalisedEmail);
        var name = Encoding.UTF8.GetBytes($"{realm.ToString().ToLowerInvariant()}:{normalisedEmail}");
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);

#pragma warning disable CA5350 // SHA-1 is what version-5 UUIDs are defined with; this is naming, not security.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
