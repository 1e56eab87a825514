namespace Tunda.Domain;

/// <summary>
/// A rule the command broke, as a value: a stable code (for tests, the API and localisation in Web)
/// and a plain message. Ordinary rule violations are returned, never thrown.
/// </summary>
public sealed record DomainError(string Code, string Message)
{
    /// <summary>The stream moved on since the caller read it (an explicit expected version was stale).</summary>
    public static DomainError Conflict(string message) => new("concurrency.conflict", message);
}
