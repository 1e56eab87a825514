namespace Tunda.Web.Security;

/// <summary>Bound from <c>Tunda:Security</c>. Every number here is documented where it is used.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Tunda:Security";

    public const string SessionCookieName = "tunda_session";

    public const string DeviceCookieName = "tunda_device";

    /// <summary>PBKDF2 rounds (HMAC-SHA512, PasswordHasher v3). The framework default is 100,000; OWASP asks 210,000.</summary>
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>A session unused this long ends.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in however active it is.</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a device cookie exempts a browser from the per-e-mail limit.</summary>
    public TimeSpan DeviceCookieLifetime { get; set; } = TimeSpan.FromDays(180);

    public ThrottleOptions Throttle { get; set; } = new();

    /// <summary>Paths whose requests only a staff session may enter; every other path only a customer session.</summary>
    public IList<string> StaffPathPrefixes { get; set; } = ["/staff", "/api/staff"];

    public string CustomerLoginPath { get; set; } = "/accedi";

    public string CustomerTwoFactorPath { get; set; } = "/accedi/verifica";

    public string AccountChoicePath { get; set; } = "/accedi/scegli-account";

    public string StaffLoginPath { get; set; } = "/staff/accedi";

    public string StaffTwoFactorPath { get; set; } = "/staff/accedi/verifica";

    public string StaffEnrolmentPath { get; set; } = "/staff/accedi/attiva-2fa";

    public static bool IsValid(SecurityOptions o) =>
        o.PasswordIterations >= 100_000
        && o.SessionIdleTimeout > TimeSpan.Zero && o.SessionIdleTimeout <= o.SessionAbsoluteLifetime
        && o.DeviceCookieLifetime > TimeSpan.Zero
        && o.Throttle.Window > TimeSpan.Zero && o.Throttle.MaxDelay > TimeSpan.Zero
        && o.Throttle.FreeFailuresPerEmailAndIp >= 1 && o.Throttle.FreeFailuresPerIp >= 1
        && o.Throttle.FailuresPerEmail >= 1 && o.Throttle.FailuresPerDevice >= 1;

    public bool IsStaffPath(PathString path) =>
        StaffPathPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Login throttling, counted over a sliding <see cref="Window"/> of failures:
/// <list type="bullet">
/// <item>same e-mail from the same IP: <see cref="FreeFailuresPerEmailAndIp"/> free, then each next
/// attempt waits 1 s, 2 s, 4 s ... doubling up to <see cref="MaxDelay"/> after the last failure;</item>
/// <item>one IP across all e-mails: <see cref="FreeFailuresPerIp"/> free, then the same doubling;</item>
/// <item>one e-mail across all IPs: after <see cref="FailuresPerEmail"/> failures the e-mail is closed
/// until the window slides, except for browsers holding that e-mail's device cookie (issued on a
/// successful login), so a distributed attack cannot lock the owner out. A device cookie that itself
/// collects <see cref="FailuresPerDevice"/> failures loses its exemption.</item>
/// </list>
/// </summary>
public sealed class ThrottleOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public int FreeFailuresPerEmailAndIp { get; set; } = 3;

    public int FreeFailuresPerIp { get; set; } = 30;

    public int FailuresPerEmail { get; set; } = 10;

    public int FailuresPerDevice { get; set; } = 10;

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
}
