using Tunda.Domain;

namespace Tunda.Web.Platform.Commands;

public enum InvokeStatus
{
    /// <summary>Committed; <see cref="InvokeResult.Value"/> holds what the handler returned.</summary>
    Succeeded,

    /// <summary>The handler refused (a domain rule); nothing was committed.</summary>
    Rejected,

    /// <summary>The caller's explicit expected version was stale; nothing was committed.</summary>
    Conflict,
}

/// <summary>The outcome of one command: a value, a domain error, or a conflict.</summary>
public sealed record InvokeResult(InvokeStatus Status, object? Value, DomainError? Error)
{
    public bool Succeeded => Status == InvokeStatus.Succeeded;

    /// <summary>Every error of a rejection (a form's field errors); <see cref="Error"/> is the first.</summary>
    public IReadOnlyList<DomainError> Errors { get; private init; } = [];

    internal static InvokeResult Success(object? value) => new(InvokeStatus.Succeeded, value, null);

    internal static InvokeResult Rejected(IReadOnlyList<DomainError> errors) => new(InvokeStatus.Rejected, null, errors[0]) { Errors = errors };

    internal static InvokeResult Conflict(string message)
    {
        var error = DomainError.Conflict(message);
        return new(InvokeStatus.Conflict, null, error) { Errors = [error] };
    }

    /// <summary>The handler's value as <typeparamref name="T"/>; throws when the command did not succeed.</summary>
    public T ValueAs<T>() =>
        Succeeded && Value is T value
            ? value
            : throw new InvalidOperationException($"The command did not produce a {typeof(T).Name}: {Status} {Error?.Code} {Error?.Message}");
}
