namespace Tunda.EventStore;

/// <summary>What the caller believes about a stream before appending to it.</summary>
public readonly record struct ExpectedVersion
{
    private const long AnyMarker = -1;

    private ExpectedVersion(long value) => Value = value;

    internal long Value { get; }

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion New { get; } = new(0);

    /// <summary>No check: the stream is created if missing.</summary>
    public static ExpectedVersion Any { get; } = new(AnyMarker);

    /// <summary>The stream must be exactly at <paramref name="version"/> (0 means "must be new").</summary>
    public static ExpectedVersion Exactly(long version) =>
        version < 0 ? throw new ArgumentOutOfRangeException(nameof(version)) : new(version);

    internal bool IsAny => Value == AnyMarker;

    internal bool IsNew => Value == 0;

    public override string ToString() => IsAny ? "any" : IsNew ? "new" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
