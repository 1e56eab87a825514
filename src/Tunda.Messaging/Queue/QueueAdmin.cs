namespace Tunda.Messaging.Queue;

/// <summary>What the queue holds right now, for /health and the staff screens.</summary>
public sealed record QueueStatus(long Ready, long Scheduled, long Claimed, long DeadLetters, long Nodes, DateTimeOffset? OldestReadySince);

/// <summary>Looks at the queue as a whole and keeps the inbox from growing forever.</summary>
public sealed class QueueAdmin
{
    private readonly MessageBus _bus;

    internal QueueAdmin(MessageBus bus) => _bus = bus;

    public async Task<QueueStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var schema = _bus.Schema;
        await using var command = _bus.Store.DataSource.CreateCommand($"""
            SELECT count(*) FILTER (WHERE owner IS NULL AND deliver_at <= now()),
                   count(*) FILTER (WHERE owner IS NULL AND deliver_at > now()),
                   count(*) FILTER (WHERE owner IS NOT NULL),
                   (SELECT count(*) FROM {schema}.message_dead_letters),
                   (SELECT count(*) FROM {schema}.message_nodes),
                   min(deliver_at) FILTER (WHERE owner IS NULL AND deliver_at <= now())
            FROM {schema}.messages
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new QueueStatus(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
    }

    /// <summary>
    /// Forgets ids received more than <paramref name="olderThan"/> ago (but never one still queued):
    /// a duplicate arriving after that is taken for new. Keep the window longer than any sender retries.
    /// </summary>
    public async Task<int> PurgeInboxAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        await using var command = _bus.Store.DataSource.CreateCommand($"""
            DELETE FROM {_bus.Schema}.message_inbox i
            WHERE i.received_at < now() - $1
              AND NOT EXISTS (SELECT 1 FROM {_bus.Schema}.messages m WHERE m.id = i.message_id)
            """);
        command.Parameters.Add(new() { Value = olderThan });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
