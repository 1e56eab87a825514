namespace Tunda.EventStore;

/// <summary>What a unit of work wrote.</summary>
public sealed record AppendResult(IReadOnlyList<StreamEvent> Events, IReadOnlyDictionary<Guid, long> Versions)
{
    public static AppendResult Empty { get; } = new([], new Dictionary<Guid, long>());

    /// <summary>The highest sequence number written (0 when nothing was), for read-your-writes waits.</summary>
    public long LastSequence => Events.Count == 0 ? 0 : Events[^1].Sequence;
}
