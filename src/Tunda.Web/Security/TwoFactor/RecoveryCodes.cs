using System.Security.Cryptography;
using OtpNet;

namespace Tunda.Web.Security.TwoFactor;

/// <summary>Single-use codes for a lost authenticator: shown once, stored as SHA-256 hex.</summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    /// <summary>16 base32 characters (80 random bits) as four groups of four, e.g. "K7QF-2MZP-XW4D-9RTA".</summary>
    public static IReadOnlyList<string> Generate() =>
        [.. Enumerable.Range(0, Count).Select(_ => Format(Base32Encoding.ToString(RandomNumberGenerator.GetBytes(10))))];

    /// <summary>Case, spaces and hyphens do not matter: people copy these from paper.</summary>
    public static string Hash(string code)
    {
        var canonical = new string([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
        return Convert.ToHexStringLower(SecretValues.Hash(canonical));
    }

    public static IReadOnlyList<string> HashAll(IEnumerable<string> codes) => [.. codes.Select(Hash)];

    private static string Format(string code) => string.Join('-', code.Chunk(4).Select(chunk => new string(chunk)));
}
