using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Tunda.Domain.Logins;

namespace Tunda.Web.Security.Sessions;

/// <summary>
/// Server-side sessions. Every request validates its cookie here, so revoking a row ends access on
/// the next request. Revocations take an optional connection and transaction so a password reset or
/// a block ends sessions in the same commit as its events (and a rollback keeps them).
/// </summary>
public sealed class SessionStore(SecurityDatabase database, IOptions<SecurityOptions> options, TimeProvider time)
{
    /// <summary>Writing last_seen on every request would turn each page view into a write; once a minute is enough.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly string _table = $"{database.Schema}.sessions";
    private readonly SecurityOptions _options = options.Value;

    public static string IdOf(string token) => Convert.ToHexStringLower(SecretValues.Hash(token));

    public async Task<IssuedSession> CreateAsync(Guid loginId, LoginRealm realm, string email, bool twoFactorSatisfied, bool mustEnrolTwoFactor, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var token = SecretValues.NewToken(32);
        var now = time.GetUtcNow();
        var session = new Session(IdOf(token), loginId, realm, email, null, null, twoFactorSatisfied, mustEnrolTwoFactor, now, now, Min(now + _options.SessionIdleTimeout, now + _options.SessionAbsoluteLifetime), now + _options.SessionAbsoluteLifetime);
        await ExecuteAsync(
            $"""
            INSERT INTO {_table} (id, login_id, realm, email, two_factor_satisfied, must_enrol_two_factor, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
            VALUES (@id, @LoginId, @realm, @Email, @TwoFactorSatisfied, @MustEnrolTwoFactor, @CreatedAt, @LastSeenAt, @IdleExpiresAt, @AbsoluteExpiresAt)
            """,
            new { id = Convert.FromHexString(session.Id), session.LoginId, realm = realm.ToString(), session.Email, session.TwoFactorSatisfied, session.MustEnrolTwoFactor, session.CreatedAt, session.LastSeenAt, session.IdleExpiresAt, session.AbsoluteExpiresAt },
            connection, transaction, cancellationToken);
        return new IssuedSession(token, session);
    }

    /// <summary>The live session behind a cookie value, sliding its idle expiry; null if unknown, revoked or expired.</summary>
    public async Task<Session?> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var session = await FindAsync(IdOf(token), cancellationToken);
        var now = time.GetUtcNow();
        if (session is null)
        {
            return null;
        }

        if (now >= session.IdleExpiresAt || now >= session.AbsoluteExpiresAt)
        {
            await RevokeAsync(session.Id, cancellationToken: cancellationToken);
            return null;
        }

        if (now - session.LastSeenAt < TouchInterval)
        {
            return session;
        }

        var idle = Min(now + _options.SessionIdleTimeout, session.AbsoluteExpiresAt);
        var touched = await ExecuteAsync($"UPDATE {_table} SET last_seen_at = @now, idle_expires_at = @idle WHERE id = @id", new { id = Convert.FromHexString(session.Id), now, idle }, null, null, cancellationToken);
        return touched ? session with { LastSeenAt = now, IdleExpiresAt = idle } : null;
    }

    public async Task<Session?> FindAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"""
            SELECT login_id AS LoginId, realm AS Realm, email AS Email, access_id AS AccessId, customer_id AS CustomerId,
                   two_factor_satisfied AS TwoFactorSatisfied, must_enrol_two_factor AS MustEnrolTwoFactor, created_at AS CreatedAt,
                   last_seen_at AS LastSeenAt, idle_expires_at AS IdleExpiresAt, absolute_expires_at AS AbsoluteExpiresAt
            FROM {_table} WHERE id = @id
            """,
            new { id = ParseId(sessionId) }, cancellationToken: cancellationToken));
        return row?.ToSession(sessionId);
    }

    /// <summary>Marks the second factor done (code checked, or authenticator just enrolled).</summary>
    public Task<bool> MarkTwoFactorSatisfiedAsync(string sessionId, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"UPDATE {_table} SET two_factor_satisfied = true, must_enrol_two_factor = false WHERE id = @id", new { id = ParseId(sessionId) }, connection, transaction, cancellationToken);

    /// <summary>Enters an account. The caller has checked that the login really reaches it.</summary>
    public Task<bool> ChooseAccountAsync(string sessionId, Guid accessId, Guid customerId, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"UPDATE {_table} SET access_id = @accessId, customer_id = @customerId WHERE id = @id AND two_factor_satisfied", new { id = ParseId(sessionId), accessId, customerId }, null, null, cancellationToken);

    public Task<bool> RevokeAsync(string sessionId, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"DELETE FROM {_table} WHERE id = @id", new { id = ParseId(sessionId) }, connection, transaction, cancellationToken);

    /// <summary>Ends every session of a login (password reset, e-mail change), except <paramref name="keepSessionId"/> if given.</summary>
    public Task<int> RevokeAllOfLoginAsync(Guid loginId, string? keepSessionId = null, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        CountAsync($"DELETE FROM {_table} WHERE login_id = @loginId AND (@keep::bytea IS NULL OR id <> @keep)", new { loginId, keep = keepSessionId is null ? null : ParseId(keepSessionId) }, connection, transaction, cancellationToken);

    /// <summary>Ends every session inside one account (a contact blocked or deleted).</summary>
    public Task<int> RevokeAllOfAccessAsync(Guid accessId, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        CountAsync($"DELETE FROM {_table} WHERE access_id = @accessId", new { accessId }, connection, transaction, cancellationToken);

    /// <summary>Ends every session inside any account of a customer (the customer blocked).</summary>
    public Task<int> RevokeAllOfCustomerAsync(Guid customerId, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        CountAsync($"DELETE FROM {_table} WHERE customer_id = @customerId", new { customerId }, connection, transaction, cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        CountAsync($"DELETE FROM {_table} WHERE idle_expires_at <= @now OR absolute_expires_at <= @now", new { now = time.GetUtcNow() }, null, null, cancellationToken);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static byte[] ParseId(string sessionId) =>
        sessionId is { Length: 64 } && sessionId.All(char.IsAsciiHexDigit) ? Convert.FromHexString(sessionId) : throw new ArgumentException("Not a session id.", nameof(sessionId));

    private async Task<bool> ExecuteAsync(string sql, object parameters, NpgsqlConnection? connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        await CountAsync(sql, parameters, connection, transaction, cancellationToken) > 0;

    private async Task<int> CountAsync(string sql, object parameters, NpgsqlConnection? connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(connection, transaction, cancellationToken);
        return await lease.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, lease.Transaction, cancellationToken: cancellationToken));
    }

    private sealed class SessionRow
    {
        public Guid LoginId { get; init; }
        public string Realm { get; init; } = "";
        public string Email { get; init; } = "";
        public Guid? AccessId { get; init; }
        public Guid? CustomerId { get; init; }
        public bool TwoFactorSatisfied { get; init; }
        public bool MustEnrolTwoFactor { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime LastSeenAt { get; init; }
        public DateTime IdleExpiresAt { get; init; }
        public DateTime AbsoluteExpiresAt { get; init; }

        public Session ToSession(string id) => new(
            id, LoginId, Enum.Parse<LoginRealm>(Realm), Email, AccessId, CustomerId, TwoFactorSatisfied, MustEnrolTwoFactor,
            Utc(CreatedAt), Utc(LastSeenAt), Utc(IdleExpiresAt), Utc(AbsoluteExpiresAt));

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
