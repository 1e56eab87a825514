namespace Tunda.Domain;

/// <summary>
/// What a pure decider answers: the events to append, or the errors that forbid them. Most rules
/// stop at the first error; validation of a whole form (registration) returns every field error.
/// </summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, IReadOnlyList<DomainError> errors)
    {
        Events = events;
        Errors = errors;
    }

    public IReadOnlyList<object> Events { get; }

    /// <summary>Every error found; empty when accepted.</summary>
    public IReadOnlyList<DomainError> Errors { get; }

    /// <summary>The first error, or null when accepted.</summary>
    public DomainError? Error => Errors.Count > 0 ? Errors[0] : null;

    public bool IsAccepted => Errors.Count == 0;

    public static Decision Accept(params object[] events) => new(events, []);

    public static Decision Reject(DomainError error) => new([], [error]);

    public static Decision Reject(IEnumerable<DomainError> errors)
    {
        var list = errors.ToList();
        return list.Count == 0 ? throw new ArgumentException("A rejection needs at least one error.", nameof(errors)) : new([], list);
    }

    public static Decision Reject(string code, string message) => Reject(new DomainError(code, message));

    public static implicit operator Decision(DomainError error) => Reject(error);

    /// <summary>
    /// Several steps decided in order, each on the state the previous step's events left (folded by
    /// <paramref name="evolve"/>): all their events, or the first refusal (and nothing else).
    /// </summary>
    public static Decision Chain<TState>(TState state, Func<TState, object, TState> evolve, params IEnumerable<Func<TState, Decision>> steps)
    {
        ArgumentNullException.ThrowIfNull(evolve);
        ArgumentNullException.ThrowIfNull(steps);
        var events = new List<object>();
        foreach (var step in steps)
        {
            var decision = step(state);
            if (!decision.IsAccepted)
            {
                return decision;
            }

            events.AddRange(decision.Events);
            state = decision.Events.Aggregate(state, evolve);
        }

        return Accept([.. events]);
    }
}
