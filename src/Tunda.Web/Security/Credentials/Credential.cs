using Tunda.Domain.Logins;

namespace Tunda.Web.Security.Credentials;

/// <summary>A login's secrets as stored (hashes only; the TOTP secret is needed in clear to check codes).</summary>
public sealed record Credential(
    LoginRealm Realm,
    string Email,
    Guid LoginId,
    string? PasswordHash,
    string? TotpSecret,
    bool TwoFactorEnabled,
    long? LastTotpStep,
    int RecoveryCodesLeft);
