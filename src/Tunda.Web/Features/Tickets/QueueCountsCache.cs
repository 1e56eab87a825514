using System.Collections.Concurrent;
using Marten;
using Tunda.Projections.Tickets;

namespace Tunda.Web.Features.Tickets;

/// <summary>
/// The inbox's queue counts, counted at most every <see cref="MaxAge"/> per agent: counting every
/// queue scans the whole inbox, which fifty agents paging through it must not repeat on every page.
/// The tabs may lag that long; the lists themselves are always read fresh.
/// </summary>
public sealed class QueueCountsCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset At, QueueCounts Counts)> _counts = new();

    public async Task<QueueCounts> GetAsync(IQuerySession session, Guid? staffId, CancellationToken cancellationToken)
    {
        var key = staffId ?? Guid.Empty;
        var now = clock.GetUtcNow();
        if (_counts.TryGetValue(key, out var cached) && now - cached.At < MaxAge)
        {
            return cached.Counts;
        }

        var counts = await TicketQueries.CountsAsync(session, staffId, cancellationToken);
        _counts[key] = (now, counts);
        return counts;
    }
}
