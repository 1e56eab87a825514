using Dapper;
using Npgsql;

namespace Tunda.Web.Security.Tokens;

/// <summary>What a consumed token was issued for.</summary>
public sealed record ConsumedToken(string Purpose, string Subject, string? Payload);

/// <summary>
/// Single-use secrets for links (confirm e-mail, reset password, invitation): 256 random bits,
/// base64url, stored only as SHA-256 with a purpose, a subject, an optional JSON payload and an expiry.
/// </summary>
public sealed class OneTimeTokens(SecurityDatabase database, TimeProvider time)
{
    private readonly string _table = $"{database.Schema}.one_time_tokens";

    public async Task<string> IssueAsync(string purpose, string subject, TimeSpan lifetime, string? payloadJson = null, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var token = SecretValues.NewToken(32);
        var now = time.GetUtcNow();
        await using var lease = await database.LeaseAsync(connection, transaction, cancellationToken);
        await lease.Connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {_table} (token_hash, purpose, subject, payload, created_at, expires_at) VALUES (@hash, @purpose, @subject, @payload::jsonb, @now, @expires)",
            new { hash = SecretValues.Hash(token), purpose, subject, payload = payloadJson, now, expires = now + lifetime },
            lease.Transaction, cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>
    /// Marks the token used and returns what it was for; null if unknown, for another purpose, expired
    /// or already used. One UPDATE decides, so two concurrent clicks cannot both succeed.
    /// </summary>
    public async Task<ConsumedToken?> ConsumeAsync(string purpose, string? token, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        await using var lease = await database.LeaseAsync(connection, transaction, cancellationToken);
        var row = await lease.Connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            $"""
            UPDATE {_table} SET consumed_at = @now
            WHERE token_hash = @hash AND purpose = @purpose AND consumed_at IS NULL AND expires_at > @now
            RETURNING subject AS Subject, payload::text AS Payload
            """,
            new { hash = SecretValues.Hash(token), purpose, now = time.GetUtcNow() }, lease.Transaction, cancellationToken: cancellationToken));
        return row is null ? null : new ConsumedToken(purpose, row.Subject, row.Payload);
    }

    /// <summary>Voids every unused token of a purpose for a subject (a newer reset link replaces older ones).</summary>
    public async Task<int> RevokeAllAsync(string purpose, string subject, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var lease = await database.LeaseAsync(connection, transaction, cancellationToken);
        return await lease.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {_table} WHERE purpose = @purpose AND subject = @subject AND consumed_at IS NULL",
            new { purpose, subject }, lease.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Drops tokens a day past their expiry (the day leaves used ones visible when investigating a complaint).</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {_table} WHERE expires_at < @cutoff", new { cutoff = time.GetUtcNow().AddDays(-1) }, cancellationToken: cancellationToken));
    }

    private sealed record TokenRow(string Subject, string? Payload);
}
