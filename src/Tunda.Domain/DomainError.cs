namespace Tunda.Domain;

/// <summary>
/// A rule the command broke, as a value: a stable code (for tests, the API and localisation in Web)
/// and a plain message. Ordinary rule violations are returned, never thrown. <see cref="Field"/>
/// names the input field at fault (for example "zip" or "codiceFiscale") when the error is about
/// one field, so forms can show it next to that field.
/// </summary>
public sealed record DomainError(string Code, string Message, string? Field = null)
{
    /// <summary>
    /// Values the rule was judged with (a password's minimum and maximum length), in order: a
    /// translated text of the code shows them as {0}, {1}, ... so it never repeats a number that configuration can change.
    /// </summary>
    public IReadOnlyList<object> Values { get; init; } = [];

    /// <summary>The stream moved on since the caller read it (an explicit expected version was stale).</summary>
    public static DomainError Conflict(string message) => new("concurrency.conflict", message);

    /// <summary>The same error, attributed to <paramref name="field"/>.</summary>
    public DomainError For(string field) => this with { Field = field };
}
