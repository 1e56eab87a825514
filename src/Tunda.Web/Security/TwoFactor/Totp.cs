using OtpNet;

namespace Tunda.Web.Security.TwoFactor;

/// <summary>
/// RFC 6238 codes as authenticator apps make them (HMAC-SHA1, 30-second steps, 6 digits), computed and
/// checked by Otp.NET. Which steps were already used is the credential's business (the replay guard).
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;

    public const int Digits = 6;

    /// <summary>One step either side of now, for a phone whose clock is a little off.</summary>
    private static readonly VerificationWindow ClockDrift = new(previous: 1, future: 1);

    /// <summary>A new 160-bit secret (the HMAC-SHA1 block RFC 4226 recommends), base32 without padding.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The step whose code matches within <see cref="ClockDrift"/> of now; null if none, or if the code or secret is malformed.</summary>
    public static long? Match(string base32Secret, string? code, DateTimeOffset now)
    {
        var candidate = code?.Replace(" ", "", StringComparison.Ordinal);
        if (candidate is not { Length: Digits } || !candidate.All(char.IsAsciiDigit) || KeyOf(base32Secret) is not { } key)
        {
            return null;
        }

        var totp = new OtpNet.Totp(key, StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(now.UtcDateTime, candidate, out var step, ClockDrift) ? step : null;
    }

    private static byte[]? KeyOf(string base32Secret)
    {
        try
        {
            return base32Secret.Length == 0 ? null : Base32Encoding.ToBytes(base32Secret);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
