using System.Net;
using Microsoft.Extensions.Options;
using LoginRealm = Tunda.Domain.Logins.LoginRealm;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Credentials;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.Throttling;
using Tunda.Web.Security.TwoFactor;
using static Tunda.Web.Security.SignIn.SignInResult;

namespace Tunda.Web.Security.SignIn;

/// <summary>
/// Password, second factor and account choice, in that order. Each step answers what happened and
/// what the person must do next; the session it creates only reaches the next step's route.
/// </summary>
public sealed class SignInService(
    CredentialStore credentials,
    PasswordHashing hashing,
    SessionStore sessions,
    LoginThrottle throttle,
    DeviceCookies devices,
    IAccountDirectory accounts,
    IStaffDirectory staff,
    IOptions<SecurityOptions> options,
    TimeProvider time)
{
    public async Task<SignInResult> PasswordSignInAsync(LoginRealm realm, string? email, string? password, IPAddress? ip, string? deviceCookie, CancellationToken cancellationToken = default)
    {
        var normalised = LoginKeys.NormaliseEmail(email);
        var key = ThrottleKey(realm, normalised ?? email?.Trim().ToLowerInvariant() ?? "");
        var nonce = normalised is null ? null : devices.NonceFor(deviceCookie, realm, normalised);
        if (await throttle.RetryAfterAsync(key, ip, nonce, cancellationToken) is { } wait)
        {
            return new Throttled(wait);
        }

        var credential = normalised is null ? null : await credentials.FindAsync(realm, normalised, cancellationToken: cancellationToken);
        var check = hashing.Verify(credential?.PasswordHash, password ?? "");
        if (credential is null || check == PasswordCheck.Wrong)
        {
            await throttle.RecordFailureAsync(key, ip, nonce, cancellationToken);
            return new Failed();
        }

        if (check == PasswordCheck.CorrectButWeakHash)
        {
            await credentials.UpgradeHashAsync(credential, password!, cancellationToken);
        }

        await throttle.ResetAsync(key, ip, cancellationToken);
        var staffMember = realm == LoginRealm.Staff ? await staff.FindByEmailAsync(credential.Email, cancellationToken) : null;
        if (realm == LoginRealm.Staff && staffMember is null)
        {
            return new Failed();
        }

        if (staffMember is { IsBlocked: true } || (realm == LoginRealm.Customer && (await OpenAccountsAsync(credential.Email, cancellationToken)).Count == 0))
        {
            return new Blocked();
        }

        // Staff must have a second factor; customers only when they turned it on.
        var issued = await sessions.CreateAsync(
            credential.LoginId, realm, credential.Email,
            twoFactorSatisfied: realm == LoginRealm.Customer && !credential.TwoFactorEnabled,
            mustEnrolTwoFactor: realm == LoginRealm.Staff && !credential.TwoFactorEnabled,
            cancellationToken: cancellationToken);
        // Issued at the password step: it only relaxes the per-e-mail password limit, which someone
        // who already knows the password has no use for; the second factor is throttled without it.
        var device = new DeviceCookie(devices.Issue(realm, credential.Email), time.GetUtcNow() + options.Value.DeviceCookieLifetime);
        SignInResult next = issued.Session.Stage switch
        {
            SessionStage.TwoFactorEnrolment => new MustEnrolTwoFactor(issued.Session),
            SessionStage.TwoFactor => new NeedsTwoFactor(issued.Session),
            _ => await AfterSecondFactorAsync(issued.Session, usedRecoveryCode: false, cancellationToken),
        };
        return next is Started started ? started with { NewToken = issued.Token, Device = device } : next;
    }

    /// <summary>Checks a TOTP code (each 30-second code once) or, failing that, a recovery code (each once).</summary>
    public async Task<SignInResult> VerifyTwoFactorAsync(string sessionId, string? code, IPAddress? ip, CancellationToken cancellationToken = default)
    {
        var session = await sessions.FindAsync(sessionId, cancellationToken);
        if (session is not { Stage: SessionStage.TwoFactor } || string.IsNullOrWhiteSpace(code))
        {
            return new Failed();
        }

        var key = ThrottleKey(session.Realm, session.Email);
        if (await throttle.RetryAfterAsync(key, ip, null, cancellationToken) is { } wait)
        {
            return new Throttled(wait);
        }

        var credential = await credentials.FindAsync(session.Realm, session.Email, cancellationToken: cancellationToken);
        if (credential is not { TwoFactorEnabled: true, TotpSecret: { } secret })
        {
            return new Failed();
        }

        var usedRecoveryCode = false;
        var accepted = Totp.Match(secret, code, time.GetUtcNow()) is { } step && await credentials.TryAcceptTotpStepAsync(credential, step, null, null, cancellationToken);
        if (!accepted && code.Trim().Length > Totp.Digits)
        {
            accepted = usedRecoveryCode = await credentials.TryUseRecoveryCodeAsync(credential, RecoveryCodes.Hash(code), cancellationToken);
        }

        if (!accepted)
        {
            await throttle.RecordFailureAsync(key, ip, null, cancellationToken);
            return new Failed();
        }

        await throttle.ResetAsync(key, ip, cancellationToken);
        await sessions.MarkTwoFactorSatisfiedAsync(sessionId, cancellationToken: cancellationToken);
        return await AfterSecondFactorAsync(session with { TwoFactorSatisfied = true }, usedRecoveryCode, cancellationToken);
    }

    /// <summary>Enters (or switches to) an account; only one this login's e-mail really reaches and that is not blocked.</summary>
    public async Task<SignInResult> ChooseAccountAsync(string sessionId, Guid accessId, CancellationToken cancellationToken = default)
    {
        var session = await sessions.FindAsync(sessionId, cancellationToken);
        if (session is not { Realm: LoginRealm.Customer, Stage: SessionStage.AccountChoice or SessionStage.Complete })
        {
            return new Failed();
        }

        var account = (await OpenAccountsAsync(session.Email, cancellationToken)).FirstOrDefault(a => a.AccessId == accessId);
        return account is not null && await sessions.ChooseAccountAsync(sessionId, account.AccessId, account.CustomerId, cancellationToken)
            ? new SignedIn(session with { AccessId = account.AccessId, CustomerId = account.CustomerId }, account, null)
            : new Failed();
    }

    /// <summary>Ends the session; returns its login id (for the SignedOut event), or null if it had already ended.</summary>
    public async Task<Guid?> SignOutAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var session = await sessions.FindAsync(sessionId, cancellationToken);
        return session is not null && await sessions.RevokeAsync(sessionId, cancellationToken: cancellationToken) ? session.LoginId : null;
    }

    private async Task<SignInResult> AfterSecondFactorAsync(Session session, bool usedRecoveryCode, CancellationToken cancellationToken)
    {
        if (session.Realm == LoginRealm.Staff)
        {
            var member = await staff.FindByEmailAsync(session.Email, cancellationToken);
            return member is { IsBlocked: false } ? new SignedIn(session, null, member, usedRecoveryCode) : await RefuseAsync(session, cancellationToken);
        }

        var open = await OpenAccountsAsync(session.Email, cancellationToken);
        if (open.Count == 0)
        {
            return await RefuseAsync(session, cancellationToken);
        }

        if (open.Count > 1)
        {
            return new NeedsAccountChoice(session, open);
        }

        var only = open[0];
        await sessions.ChooseAccountAsync(session.Id, only.AccessId, only.CustomerId, cancellationToken);
        return new SignedIn(session with { AccessId = only.AccessId, CustomerId = only.CustomerId }, only, null, usedRecoveryCode);
    }

    private async Task<SignInResult> RefuseAsync(Session session, CancellationToken cancellationToken)
    {
        await sessions.RevokeAsync(session.Id, cancellationToken: cancellationToken);
        return new Blocked();
    }

    private async Task<IReadOnlyList<AccountAccess>> OpenAccountsAsync(string email, CancellationToken cancellationToken) =>
        [.. (await accounts.ForEmailAsync(email, cancellationToken)).Where(a => !a.IsBlocked)];

    private static string ThrottleKey(LoginRealm realm, string email) => $"{realm}:{email}";
}
