namespace Tunda.Domain;

/// <summary>What a pure decider answers: the events to append, or the error that forbids them.</summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, DomainError? error)
    {
        Events = events;
        Error = error;
    }

    public IReadOnlyList<object> Events { get; }

    public DomainError? Error { get; }

    public bool IsAccepted => Error is null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Reject(DomainError error) => new([], error);

    public static Decision Reject(string code, string message) => Reject(new DomainError(code, message));

    public static implicit operator Decision(DomainError error) => Reject(error);
}
