using System.Globalization;
using Npgsql;

namespace Tunda.EventStore.Daemon;

/// <summary>
/// The highest sequence number below which no event can still appear ("snapshot-fenced").
///
/// Every writer takes a transaction id before drawing a sequence number, and the sequence hands
/// numbers out in time order. So when the daemon reads M = max(seq) and then takes a fresh
/// transaction id X, every transaction that drew a number at or below M got its id before X.
/// Once the oldest running transaction id (snapshot xmin) is above X, all of them have ended:
/// each event at or below M is either committed and visible or rolled back for good, and M is safe.
///
/// Why a fresh id rather than the snapshot's xmax: xmax is "latest completed id + 1", and a
/// transaction with a higher id may already be running and holding a lower sequence number (it
/// took its id after the committer but drew its number before). A test pins this case.
/// </summary>
internal sealed class HighWaterMark(NpgsqlDataSource dataSource, string schema)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<Fence> _pending = new();
    private long _safe;
    private long _fenced;

    /// <summary>True while committed events wait for older transactions to end.</summary>
    public bool HasPending
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count > 0;
            }
        }
    }

    public long Safe => Interlocked.Read(ref _safe);

    public async Task<long> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var (max, xmin) = await ReadAsync($"SELECT coalesce(max(seq), 0), pg_snapshot_xmin(pg_current_snapshot())::text FROM {schema}.events", cancellationToken);
            Promote(xmin);
            if (max > _fenced)
            {
                var (fencedMax, fence) = await ReadAsync($"SELECT coalesce(max(seq), 0), pg_current_xact_id()::text FROM {schema}.events", cancellationToken);
                lock (_pending)
                {
                    _pending.Enqueue(new Fence(fencedMax, fence));
                }

                _fenced = fencedMax;

                // Usually nothing older is still running, and the new mark is safe at once.
                var (_, xminAfter) = await ReadAsync("SELECT 0::bigint, pg_snapshot_xmin(pg_current_snapshot())::text", cancellationToken);
                Promote(xminAfter);
            }

            return Safe;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Promote(ulong xmin)
    {
        lock (_pending)
        {
            while (_pending.TryPeek(out var fence) && fence.TransactionId < xmin)
            {
                _pending.Dequeue();
                if (fence.MaxSequence > _safe)
                {
                    Interlocked.Exchange(ref _safe, fence.MaxSequence);
                }
            }
        }
    }

    private async Task<(long Value, ulong TransactionId)> ReadAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), ulong.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
    }

    private readonly record struct Fence(long MaxSequence, ulong TransactionId);
}
