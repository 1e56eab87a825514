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

/// <summary>A stream's row: its type, current version and whether it is archived.</summary>
public sealed record StreamInfo(Guid Id, string Type, long Version, bool IsArchived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a unit of work wrote.</summary>
public sealed record AppendResult(IReadOnlyList<StreamEvent> Events, IReadOnlyDictionary<Guid, long> Versions)
{
    public static AppendResult Empty { get; } = new([], new Dictionary<Guid, long>());

    /// <summary>The highest sequence number written (0 when nothing was), for read-your-writes waits.</summary>
    public long LastSequence => Events.Count == 0 ? 0 : Events[^1].Sequence;
}
