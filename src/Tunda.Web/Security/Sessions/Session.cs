using Tunda.Domain.Logins;

namespace Tunda.Web.Security.Sessions;

/// <summary>Where a signed-in person stands: what they still have to do before entering the area.</summary>
public enum SessionStage
{
    /// <summary>Staff without an authenticator: only the enrolment route.</summary>
    TwoFactorEnrolment,

    /// <summary>Password accepted, code not yet: only the two-factor route.</summary>
    TwoFactor,

    /// <summary>A customer login reaching several accounts that has not picked one: only the choice route.</summary>
    AccountChoice,

    Complete,
}

/// <summary>A server-side session. <see cref="Id"/> is the hex SHA-256 of the cookie value, safe to log.</summary>
public sealed record Session(
    string Id,
    Guid LoginId,
    LoginRealm Realm,
    string Email,
    Guid? AccessId,
    Guid? CustomerId,
    bool TwoFactorSatisfied,
    bool MustEnrolTwoFactor,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset IdleExpiresAt,
    DateTimeOffset AbsoluteExpiresAt)
{
    public SessionStage Stage =>
        MustEnrolTwoFactor ? SessionStage.TwoFactorEnrolment
        : !TwoFactorSatisfied ? SessionStage.TwoFactor
        : Realm == LoginRealm.Customer && AccessId is null ? SessionStage.AccountChoice
        : SessionStage.Complete;
}

/// <summary>A new session and the cookie value that proves it (never stored).</summary>
public sealed record IssuedSession(string Token, Session Session);
