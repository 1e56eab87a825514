using System.Text.Json.Serialization;

namespace Tunda.Domain.Logins;

// Events of a Login stream (stream type "login"): one per person and realm, identified by
// LoginId.For(realm, normalised e-mail). A login reaches one or more accounts (main account,
// contacts at several customers). The secrets themselves live in the credentials table.

[JsonConverter(typeof(JsonStringEnumConverter<LoginRealm>))]
public enum LoginRealm
{
    Customer,
    Staff,
}

public sealed record PasswordSet(Guid LoginId, string Email, LoginRealm Realm, string Reason, DateTimeOffset At);

public sealed record PasswordResetRequested(Guid LoginId, string Email, bool ByStaff, DateTimeOffset At);

public sealed record TwoFactorEnabled(Guid LoginId, DateTimeOffset At);

public sealed record TwoFactorDisabled(Guid LoginId, DateTimeOffset At);

public sealed record RecoveryCodesRegenerated(Guid LoginId, int Count, DateTimeOffset At);

public sealed record RecoveryCodeUsed(Guid LoginId, DateTimeOffset At);

public sealed record SignedIn(Guid LoginId, Guid? CustomerId, Guid? ContactId, DateTimeOffset At);

public sealed record SignedOut(Guid LoginId, DateTimeOffset At);

/// <summary>Someone who lost the mailbox of their username asked administration for help (stream type "username_recovery").</summary>
public sealed record UsernameRecoveryRequested(Guid RequestId, string Name, string ClaimedEmail, string ContactEmail, string? CompanyOrCodiceFiscale, string Message, DateTimeOffset At);
