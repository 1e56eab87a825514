namespace Tunda.Domain;

/// <summary>The outcome of parsing a value object: the value, or the error explaining why the input is not one.</summary>
public readonly record struct Validated<T>
    where T : class
{
    private Validated(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    public bool IsValid => Error is null;

    public static Validated<T> Valid(T value) => new(value, null);

    public static Validated<T> Invalid(string code, string message) => new(null, new DomainError(code, message));

    public static implicit operator Validated<T>(T value) => Valid(value);

    public static implicit operator Validated<T>(DomainError error) => new(null, error);
}
