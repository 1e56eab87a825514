using System.Security.Cryptography;
using System.Text;

namespace Tunda.Web.Security;

/// <summary>Random opaque values and the hashes under which they are stored.</summary>
public static class SecretValues
{
    /// <summary><paramref name="bytes"/> random bytes as base64url without padding.</summary>
    public static string NewToken(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>
    /// SHA-256 is enough for values with at least 128 random bits: there is nothing to guess, so a
    /// slow hash would only slow every request down.
    /// </summary>
    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Whether the request carries <c>Authorization: Bearer &lt;token&gt;</c> with this token (never with
    /// none configured). SHA-256 digests are compared in fixed time, so neither the token's bytes
    /// nor its length leak through timing.
    /// </summary>
    public static bool BearerMatches(HttpRequest request, string? token)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return !string.IsNullOrEmpty(token)
            && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Hash(header[scheme.Length..].Trim()), Hash(token));
    }
}
