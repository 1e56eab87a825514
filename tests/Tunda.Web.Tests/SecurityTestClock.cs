namespace Tunda.Web.Tests;

/// <summary>A clock the security tests move by hand.</summary>
internal sealed class SecurityTestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
