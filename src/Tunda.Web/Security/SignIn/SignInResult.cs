using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Sessions;

namespace Tunda.Web.Security.SignIn;

/// <summary>A device cookie to give the browser (see <see cref="Throttling.DeviceCookies"/>).</summary>
public sealed record DeviceCookie(string Value, DateTimeOffset Expires);

/// <summary>
/// What a sign-in step did. The caller (a use case) records the matching domain events and writes the
/// cookies (<see cref="SignInCookies.Write"/>); this service appends no events itself.
/// </summary>
public abstract record SignInResult
{
    /// <summary>Wrong e-mail, wrong password or wrong code: deliberately one answer for all.</summary>
    public sealed record Failed : SignInResult;

    public sealed record Throttled(TimeSpan RetryAfter) : SignInResult;

    /// <summary>The password was right, but every account this login reaches (or the staff member) is blocked.</summary>
    public sealed record Blocked : SignInResult;

    /// <summary>A session exists; <see cref="NewToken"/> and <see cref="Device"/> are set when cookies must be written.</summary>
    public abstract record Started(Session Session) : SignInResult
    {
        public string? NewToken { get; init; }

        public DeviceCookie? Device { get; init; }
    }

    public sealed record NeedsTwoFactor(Session Session) : Started(Session);

    /// <summary>Staff without an authenticator: the session reaches only the enrolment route.</summary>
    public sealed record MustEnrolTwoFactor(Session Session) : Started(Session);

    public sealed record NeedsAccountChoice(Session Session, IReadOnlyList<AccountAccess> Accounts) : Started(Session);

    /// <summary>Fully signed in; <see cref="Account"/> for customers, <see cref="Staff"/> for staff.</summary>
    public sealed record SignedIn(Session Session, AccountAccess? Account, StaffAccess? Staff, bool UsedRecoveryCode = false) : Started(Session);
}

public static class SignInCookies
{
    public static void Write(HttpResponse response, SignInResult result)
    {
        if (result is not SignInResult.Started started)
        {
            return;
        }

        if (started.NewToken is { } token)
        {
            SessionCookies.AppendSession(response, token);
        }

        if (started.Device is { } device)
        {
            SessionCookies.AppendDevice(response, started.Session.Realm, device.Value, device.Expires);
        }
    }
}
