using Dapper;
using Npgsql;
using Tunda.Domain.Logins;

namespace Tunda.Web.Security.Credentials;

/// <summary>
/// Passwords, TOTP secrets and recovery codes, keyed by (realm, normalised e-mail). Every write takes
/// an optional connection and transaction so a use case commits it together with its events.
/// </summary>
public sealed class CredentialStore(SecurityDatabase database, PasswordHashing hashing, TimeProvider time)
{
    private readonly string _table = $"{database.Schema}.credentials";

    public async Task<Credential?> FindAsync(LoginRealm realm, string email, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        if (LoginKeys.NormaliseEmail(email) is not { } normalised)
        {
            return null;
        }

        await using var lease = await database.LeaseAsync(connection, transaction, cancellationToken);
        var row = await lease.Connection.QuerySingleOrDefaultAsync<CredentialRow>(new CommandDefinition(
            $"""
            SELECT email, login_id AS LoginId, password_hash AS PasswordHash, totp_secret AS TotpSecret,
                   two_factor_enabled AS TwoFactorEnabled, last_totp_step AS LastTotpStep, cardinality(recovery_codes) AS RecoveryCodesLeft
            FROM {_table} WHERE realm = @realm AND email = @email
            """,
            new { realm = realm.ToString(), email = normalised }, lease.Transaction, cancellationToken: cancellationToken));
        return row is null ? null : new Credential(realm, row.Email, row.LoginId, row.PasswordHash, row.TotpSecret, row.TwoFactorEnabled, row.LastTotpStep, row.RecoveryCodesLeft);
    }

    /// <summary>Hashes and stores a password, creating the credential if needed. Returns the login id.</summary>
    public async Task<Guid> SetPasswordAsync(LoginRealm realm, string email, string password, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var normalised = Normalise(email);
        var loginId = LoginKeys.LoginId(realm, normalised);
        await ExecuteAsync(
            $"""
            INSERT INTO {_table} (realm, email, login_id, password_hash, updated_at) VALUES (@realm, @email, @loginId, @hash, @now)
            ON CONFLICT (realm, email) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at
            """,
            new { realm = realm.ToString(), email = normalised, loginId, hash = hashing.Hash(password), now = time.GetUtcNow() },
            connection, transaction, cancellationToken);
        return loginId;
    }

    /// <summary>
    /// Gives the credential of <paramref name="oldEmail"/> (password, two-factor, recovery codes) to
    /// <paramref name="newEmail"/> when a login e-mail changes. An existing credential of the new address
    /// is kept (that person's own); the old one is removed unless <paramref name="keepOld"/> (other accounts still use it).
    /// </summary>
    public async Task MoveAsync(LoginRealm realm, string oldEmail, string newEmail, bool keepOld, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var (from, to) = (Normalise(oldEmail), Normalise(newEmail));
        await ExecuteAsync(
            $"""
            INSERT INTO {_table} (realm, email, login_id, password_hash, totp_secret, two_factor_enabled, last_totp_step, recovery_codes, updated_at)
            SELECT realm, @to, @loginId, password_hash, totp_secret, two_factor_enabled, last_totp_step, recovery_codes, @now FROM {_table} WHERE realm = @realm AND email = @from
            ON CONFLICT (realm, email) DO NOTHING
            """,
            new { realm = realm.ToString(), from, to, loginId = LoginKeys.LoginId(realm, to), now = time.GetUtcNow() },
            connection, transaction, cancellationToken);
        if (!keepOld)
        {
            await ExecuteAsync($"DELETE FROM {_table} WHERE realm = @realm AND email = @from", new { realm = realm.ToString(), from }, connection, transaction, cancellationToken);
        }
    }

    /// <summary>Replaces a hash made with fewer iterations, unless the password changed meanwhile.</summary>
    internal Task UpgradeHashAsync(Credential credential, string password, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {_table} SET password_hash = @hash, updated_at = @now WHERE realm = @realm AND email = @email AND password_hash = @old",
            new { realm = credential.Realm.ToString(), email = credential.Email, hash = hashing.Hash(password), old = credential.PasswordHash, now = time.GetUtcNow() },
            null, null, cancellationToken);

    /// <summary>Stores a new secret awaiting its first code; two-factor stays off until <see cref="EnableTwoFactorAsync"/>.</summary>
    public Task<bool> SetPendingTotpSecretAsync(LoginRealm realm, string email, string base32Secret, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            $"UPDATE {_table} SET totp_secret = @secret, two_factor_enabled = false, last_totp_step = NULL, updated_at = @now WHERE realm = @realm AND email = @email AND NOT two_factor_enabled",
            new { realm = realm.ToString(), email = Normalise(email), secret = base32Secret, now = time.GetUtcNow() },
            connection, transaction, cancellationToken);

    public Task<bool> EnableTwoFactorAsync(LoginRealm realm, string email, IReadOnlyList<string> recoveryCodeHashes, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            $"UPDATE {_table} SET two_factor_enabled = true, recovery_codes = @codes, updated_at = @now WHERE realm = @realm AND email = @email AND totp_secret IS NOT NULL",
            new { realm = realm.ToString(), email = Normalise(email), codes = recoveryCodeHashes.ToArray(), now = time.GetUtcNow() },
            connection, transaction, cancellationToken);

    public Task<bool> DisableTwoFactorAsync(LoginRealm realm, string email, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            $"UPDATE {_table} SET two_factor_enabled = false, totp_secret = NULL, last_totp_step = NULL, recovery_codes = '{{}}', updated_at = @now WHERE realm = @realm AND email = @email",
            new { realm = realm.ToString(), email = Normalise(email), now = time.GetUtcNow() },
            connection, transaction, cancellationToken);

    public Task<bool> ReplaceRecoveryCodesAsync(LoginRealm realm, string email, IReadOnlyList<string> recoveryCodeHashes, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            $"UPDATE {_table} SET recovery_codes = @codes, updated_at = @now WHERE realm = @realm AND email = @email AND two_factor_enabled",
            new { realm = realm.ToString(), email = Normalise(email), codes = recoveryCodeHashes.ToArray(), now = time.GetUtcNow() },
            connection, transaction, cancellationToken);

    /// <summary>
    /// Records <paramref name="step"/> as used. False when it (or a later step) was already accepted:
    /// the condition sits in the UPDATE, so two concurrent requests with one code cannot both pass.
    /// </summary>
    internal Task<bool> TryAcceptTotpStepAsync(Credential credential, long step, NpgsqlConnection? connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {_table} SET last_totp_step = @step WHERE realm = @realm AND email = @email AND (last_totp_step IS NULL OR last_totp_step < @step)",
            new { realm = credential.Realm.ToString(), email = credential.Email, step }, connection, transaction, cancellationToken);

    /// <summary>Removes the code's hash if present; true exactly once per code.</summary>
    internal Task<bool> TryUseRecoveryCodeAsync(Credential credential, string codeHash, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {_table} SET recovery_codes = array_remove(recovery_codes, @hash), updated_at = @now WHERE realm = @realm AND email = @email AND two_factor_enabled AND @hash = ANY(recovery_codes)",
            new { realm = credential.Realm.ToString(), email = credential.Email, hash = codeHash, now = time.GetUtcNow() }, null, null, cancellationToken);

    private static string Normalise(string email) =>
        LoginKeys.NormaliseEmail(email) ?? throw new ArgumentException($"'{email}' is not an e-mail address.", nameof(email));

    private async Task<bool> ExecuteAsync(string sql, object parameters, NpgsqlConnection? connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(connection, transaction, cancellationToken);
        return await lease.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, lease.Transaction, cancellationToken: cancellationToken)) > 0;
    }

    private sealed record CredentialRow(string Email, Guid LoginId, string? PasswordHash, string? TotpSecret, bool TwoFactorEnabled, long? LastTotpStep, int RecoveryCodesLeft);
}
