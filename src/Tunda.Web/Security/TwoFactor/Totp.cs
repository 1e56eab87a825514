using System.Globalization;
using System.Security.Cryptography;

namespace Tunda.Web.Security.TwoFactor;

/// <summary>RFC 6238 time-based one-time passwords: HMAC-SHA1, 30-second steps, 6 digits.</summary>
public static class Totp
{
    public const int StepSeconds = 30;

    public const int Digits = 6;

    /// <summary>A new 160-bit secret (the HMAC-SHA1 block RFC 4226 recommends), base32.</summary>
    public static string NewSecret() => Base32.Encode(RandomNumberGenerator.GetBytes(20));

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for one step (RFC 4226 dynamic truncation).</summary>
    public static string Code(ReadOnlySpan<byte> key, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its use as a MAC is not broken.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step whose code matches, looking one step either side of now for clock drift; null if none.
    /// Whether that step was already used is the caller's check (the credential keeps the last one).
    /// </summary>
    public static long? Match(string base32Secret, string? code, DateTimeOffset now)
    {
        var key = Base32.Decode(base32Secret);
        var candidate = code?.Replace(" ", "", StringComparison.Ordinal);
        if (key is null || candidate is not { Length: Digits } || !candidate.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(candidate)))
            {
                return step;
            }
        }

        return null;
    }
}
