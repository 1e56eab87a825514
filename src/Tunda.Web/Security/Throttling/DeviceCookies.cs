using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Tunda.Domain.Logins;

namespace Tunda.Web.Security.Throttling;

/// <summary>
/// OWASP's "device cookies": a browser that once signed in to an e-mail gets a signed cookie naming
/// it, and keeps being allowed to try that e-mail while strangers' failures have closed it. The nonce
/// lets a device cookie that is itself used for guessing be limited on its own.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, IOptions<SecurityOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Tunda.Security.DeviceCookie.v1");

    public string Issue(LoginRealm realm, string normalisedEmail)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var issued = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return _protector.Protect($"{realm}\n{normalisedEmail}\n{nonce}\n{issued}");
    }

    /// <summary>The cookie's nonce if it is genuine, unexpired and for this very login; otherwise null.</summary>
    public string? NonceFor(string? cookie, LoginRealm realm, string normalisedEmail)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 1000)
        {
            return null;
        }

        string plain;
        try
        {
            plain = _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = plain.Split('\n');
        if (parts.Length != 4 || parts[0] != realm.ToString() || parts[1] != normalisedEmail
            || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var issued))
        {
            return null;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age < options.Value.DeviceCookieLifetime ? parts[2] : null;
    }
}
