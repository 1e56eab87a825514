namespace Tunda.Messaging;

/// <summary>
/// How a failing message is retried: attempt n (1-based) that fails waits <c>Delays[n-1]</c> (the last
/// delay repeats) before the next; after <see cref="MaxAttempts"/> failures it becomes a dead letter.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, IReadOnlyList<TimeSpan> Delays)
{
    public static RetryPolicy Default { get; } = new(5, [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)]);

    public TimeSpan DelayAfter(int failedAttempt) =>
        Delays.Count == 0 ? TimeSpan.Zero : Delays[Math.Clamp(failedAttempt - 1, 0, Delays.Count - 1)];
}
