using OtpNet;

namespace Tunda.Web.Tests;

/// <summary>What a person's authenticator app shows: the code for a base32 secret at a moment.</summary>
internal static class AuthenticatorApp
{
    public static string CodeAt(string base32Secret, DateTimeOffset time) =>
        new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(time.UtcDateTime);
}
