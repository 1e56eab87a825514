using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Tunda.Web.Security.Credentials;

public enum PasswordCheck
{
    Wrong,
    Correct,
    CorrectButWeakHash,
}

/// <summary>ASP.NET Core's PasswordHasher (v3: PBKDF2-HMAC-SHA512) with a raised iteration count.</summary>
public sealed class PasswordHashing
{
    private readonly PasswordHasher<object> _hasher;
    private readonly Lazy<string> _decoy;

    public PasswordHashing(IOptions<SecurityOptions> options)
    {
        _hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.PasswordIterations,
        }));
        _decoy = new Lazy<string>(() => Hash(SecretValues.NewToken()));
    }

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    /// <summary>
    /// With no stored hash (unknown e-mail, password never set) a decoy hash is checked instead, so the
    /// answer takes as long as for a real login and timing cannot tell which e-mails exist.
    /// </summary>
    public PasswordCheck Verify(string? storedHash, string password)
    {
        var result = _hasher.VerifyHashedPassword(Subject, storedHash ?? _decoy.Value, password);
        if (storedHash is null)
        {
            return PasswordCheck.Wrong;
        }

        return result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Correct,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.CorrectButWeakHash,
            _ => PasswordCheck.Wrong,
        };
    }

    private static readonly object Subject = new();
}
