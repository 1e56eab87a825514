namespace Tunda.Web.Platform.RateLimits;

/// <summary>
/// Named rate limits, each partitioned by client IP. Apply with
/// <c>.RequireRateLimiting(RateLimitPolicies.Login)</c> on an endpoint or
/// <c>[EnableRateLimiting(RateLimitPolicies.Login)]</c> on a page model.
/// Limits come from <c>Tunda:RateLimits:&lt;name&gt;:PermitLimit</c> and <c>:WindowSeconds</c>.
/// </summary>
public static class RateLimitPolicies
{
    public const string Login = "login";
    public const string Register = "register";
    public const string PasswordReset = "password-reset";
    public const string UsernameRecovery = "username-recovery";
    public const string Ticket = "ticket";
    public const string ContactInvitation = "contact-invitation";

    public const string Section = "Tunda:RateLimits";

    /// <summary>Defaults that a person never meets and a script meets quickly.</summary>
    public static IReadOnlyDictionary<string, RateLimit> Defaults { get; } = new Dictionary<string, RateLimit>
    {
        [Login] = new(PermitLimit: 10, WindowSeconds: 60),
        [Register] = new(PermitLimit: 5, WindowSeconds: 600),
        [PasswordReset] = new(PermitLimit: 5, WindowSeconds: 600),
        [UsernameRecovery] = new(PermitLimit: 5, WindowSeconds: 600),
        [Ticket] = new(PermitLimit: 10, WindowSeconds: 600),
        [ContactInvitation] = new(PermitLimit: 10, WindowSeconds: 600),
    };
}

public sealed record RateLimit(int PermitLimit, int WindowSeconds)
{
    public static RateLimit From(IConfiguration configuration, string name)
    {
        var fallback = RateLimitPolicies.Defaults[name];
        var section = configuration.GetSection($"{RateLimitPolicies.Section}:{name}");
        var limit = new RateLimit(
            section.GetValue(nameof(PermitLimit), fallback.PermitLimit),
            section.GetValue(nameof(WindowSeconds), fallback.WindowSeconds));
        if (limit.PermitLimit < 1 || limit.WindowSeconds < 1)
        {
            throw new InvalidOperationException($"{RateLimitPolicies.Section}:{name} needs a PermitLimit and WindowSeconds of at least 1, not {limit.PermitLimit} and {limit.WindowSeconds}.");
        }

        return limit;
    }
}
