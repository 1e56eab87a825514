using Npgsql;
using Tunda.Domain.Logins;
using Tunda.Web.Security.Credentials;

namespace Tunda.Web.Security.TwoFactor;

/// <summary>
/// Turning TOTP on: a new secret is stored as pending, and only a correct code from the person's app
/// switches two-factor on and yields the recovery codes (shown once, stored hashed).
/// </summary>
public sealed class TwoFactorSetup(CredentialStore credentials, TimeProvider time)
{
    /// <summary>A fresh secret with its URI and QR code; null if the login has no credential or already uses two-factor.</summary>
    public async Task<TotpEnrolment?> BeginAsync(LoginRealm realm, string email, CancellationToken cancellationToken = default)
    {
        var secret = Totp.NewSecret();
        var credential = await credentials.FindAsync(realm, email, cancellationToken: cancellationToken);
        if (credential is null || !await credentials.SetPendingTotpSecretAsync(realm, credential.Email, secret, cancellationToken: cancellationToken))
        {
            return null;
        }

        return TotpEnrolment.For(credential.Email, secret);
    }

    /// <summary>Enables two-factor if <paramref name="code"/> matches the pending secret; returns the recovery codes, or null.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(LoginRealm realm, string email, string? code, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var credential = await credentials.FindAsync(realm, email, connection, transaction, cancellationToken);
        if (credential is not { TwoFactorEnabled: false, TotpSecret: { } secret }
            || Totp.Match(secret, code, time.GetUtcNow()) is not { } step
            || !await credentials.TryAcceptTotpStepAsync(credential, step, connection, transaction, cancellationToken))
        {
            return null;
        }

        var codes = RecoveryCodes.Generate();
        return await credentials.EnableTwoFactorAsync(realm, credential.Email, RecoveryCodes.HashAll(codes), connection, transaction, cancellationToken) ? codes : null;
    }

    /// <summary>Replaces every recovery code with ten new ones; null if two-factor is off.</summary>
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(LoginRealm realm, string email, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var codes = RecoveryCodes.Generate();
        return await credentials.ReplaceRecoveryCodesAsync(realm, email, RecoveryCodes.HashAll(codes), connection, transaction, cancellationToken) ? codes : null;
    }
}
