namespace Tunda.Projections.Store;

/// <summary>Where a stream's chain first stops matching its events; <paramref name="Sequence"/> is the event's seq_id (or the orphan link's).</summary>
public sealed record EventChainBreak(Guid StreamId, long Version, long Sequence, string Reason);

/// <summary>What <see cref="EventChainVerifier"/> checked, and each stream's first broken link.</summary>
public sealed record EventChainReport(long StreamsChecked, long EventsChecked, IReadOnlyList<EventChainBreak> Breaks)
{
    public bool IsIntact => Breaks.Count == 0;
}
