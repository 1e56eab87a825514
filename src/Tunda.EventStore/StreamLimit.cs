namespace Tunda.EventStore;

/// <summary>How far into a stream to read: everything, up to a version, or up to a moment.</summary>
public sealed record StreamLimit
{
    private StreamLimit(long? version, DateTimeOffset? moment)
    {
        Version = version;
        Moment = moment;
    }

    public long? Version { get; }

    public DateTimeOffset? Moment { get; }

    public static StreamLimit None { get; } = new(null, null);

    public static StreamLimit ToVersion(long version) => new(version, null);

    /// <summary>Events committed at or before <paramref name="moment"/> (server time).</summary>
    public static StreamLimit AtMoment(DateTimeOffset moment) => new(null, moment);
}
