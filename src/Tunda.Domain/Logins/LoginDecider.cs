using Tunda.Domain.Identity;

namespace Tunda.Domain.Logins;

public sealed record SetPassword(LoginRealm Realm, string Email, string Reason);

public sealed record RequestPasswordReset(LoginRealm Realm, string Email, bool ByStaff);

public sealed record EnableTwoFactor(Guid LoginId);

public sealed record DisableTwoFactor(Guid LoginId);

public sealed record RegenerateRecoveryCodes(Guid LoginId, int Count);

public sealed record UseRecoveryCode(Guid LoginId);

public sealed record SignIn(Guid LoginId, Guid? CustomerId, Guid? ContactId);

public sealed record SignOut(Guid LoginId);

/// <summary>
/// Decides the Login commands (stream type "login", id from <see cref="LoginId.For"/>). The
/// secrets themselves (hash, TOTP key, recovery codes) are checked and stored by Web; these rules
/// keep the recorded history consistent.
/// </summary>
public static class LoginDecider
{
    public const string StreamType = "login";
    public const int MaxRecoveryCodes = 20;

    public static DomainError NoPassword { get; } = new("login.no_password", "This login has no password yet.");

    public static DomainError TwoFactorAlreadyEnabled { get; } = new("login.two_factor_already_enabled", "Two-factor authentication is already on.");

    public static DomainError TwoFactorNotEnabled { get; } = new("login.two_factor_not_enabled", "Two-factor authentication is not on.");

    public static DomainError TwoFactorRequired { get; } = new("login.two_factor_required", "Staff sign in with two-factor authentication only; enrol it first.");

    public static DomainError NoRecoveryCodeLeft { get; } = new("login.no_recovery_code_left", "Every recovery code has been used; generate new ones.");

    public static Decision Decide(Login state, SetPassword command, DateTimeOffset now) =>
        WithEmail(command.Email, email => new PasswordSet(LoginId.For(command.Realm, email), email, command.Realm, command.Reason, now));

    /// <summary>Accepted whether or not the login exists: the answer must not reveal which addresses have accounts.</summary>
    public static Decision Decide(Login state, RequestPasswordReset command, DateTimeOffset now) =>
        WithEmail(command.Email, email => new PasswordResetRequested(LoginId.For(command.Realm, email), email, command.ByStaff, now));

    public static Decision Decide(Login state, EnableTwoFactor command, DateTimeOffset now) =>
        !state.HasPassword ? NoPassword
        : state.HasTwoFactor ? TwoFactorAlreadyEnabled
        : Decision.Accept(new TwoFactorEnabled(state.Id, now));

    public static Decision Decide(Login state, DisableTwoFactor command, DateTimeOffset now) =>
        !state.HasTwoFactor ? TwoFactorNotEnabled : Decision.Accept(new TwoFactorDisabled(state.Id, now));

    public static Decision Decide(Login state, RegenerateRecoveryCodes command, DateTimeOffset now) =>
        !state.HasTwoFactor ? TwoFactorNotEnabled
        : command.Count is < 1 or > MaxRecoveryCodes ? new DomainError("login.invalid_recovery_code_count", $"Between 1 and {MaxRecoveryCodes} recovery codes can be generated.", "count")
        : Decision.Accept(new RecoveryCodesRegenerated(state.Id, command.Count, now));

    public static Decision Decide(Login state, UseRecoveryCode command, DateTimeOffset now) =>
        !state.HasTwoFactor ? TwoFactorNotEnabled
        : state.RecoveryCodesLeft == 0 ? NoRecoveryCodeLeft
        : Decision.Accept(new RecoveryCodeUsed(state.Id, now));

    /// <summary>Recorded after the whole authentication; staff must have enrolled a second factor by then.</summary>
    public static Decision Decide(Login state, SignIn command, DateTimeOffset now) =>
        !state.HasPassword ? NoPassword
        : state.Realm == LoginRealm.Staff && !state.HasTwoFactor ? TwoFactorRequired
        : state.Realm == LoginRealm.Customer && command.CustomerId is null ? new DomainError("login.account_required", "A customer login signs in to an account.")
        : Decision.Accept(new SignedIn(state.Id, command.CustomerId, command.ContactId, now));

    /// <summary>Always accepted, also for a session already gone: logging out must never fail.</summary>
    public static Decision Decide(Login state, SignOut command, DateTimeOffset now) =>
        Decision.Accept(new SignedOut(command.LoginId, now));

    private static Decision WithEmail(string email, Func<string, object> accepted)
    {
        var parsed = EmailAddress.Parse(email);
        return parsed.IsValid ? Decision.Accept(accepted(parsed.Value!.Value)) : parsed.Error!.For("email");
    }
}
