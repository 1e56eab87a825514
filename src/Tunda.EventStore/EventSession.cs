using Npgsql;

namespace Tunda.EventStore;

/// <summary>
/// A unit of work: collects appends and archive requests for any number of streams and writes
/// them atomically, with inline projections, in <see cref="SaveChangesAsync"/>.
/// </summary>
public sealed class EventSession : IAsyncDisposable
{
    private readonly EventStore _store;
    private readonly NpgsqlTransaction? _external;
    private readonly Dictionary<Guid, PendingStream> _pending = [];

    internal EventSession(EventStore store, NpgsqlTransaction? external, EventMetadata metadata)
    {
        _store = store;
        _external = external;
        Metadata = metadata;
    }

    /// <summary>Stored with every event of this unit of work.</summary>
    public EventMetadata Metadata { get; set; }

    public bool HasChanges => _pending.Count > 0;

    public EventSession StartStream(Guid streamId, string streamType, params object[] events) =>
        Append(streamId, streamType, ExpectedVersion.New, events);

    /// <summary>
    /// Queues events for a stream. A stream named twice in one unit of work keeps the expectation
    /// given first; later calls must expect <see cref="ExpectedVersion.Any"/>.
    /// </summary>
    public EventSession Append(Guid streamId, string streamType, ExpectedVersion expected, params object[] events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamType);
        foreach (var e in events)
        {
            _store.Options.Events.For(e.GetType());
        }

        Pending(streamId, streamType, expected).Events.AddRange(events);
        return this;
    }

    /// <summary>Archives the stream when the unit of work commits; later appends fail.</summary>
    public EventSession Archive(Guid streamId, ExpectedVersion? expected = null)
    {
        Pending(streamId, null, expected ?? ExpectedVersion.Any).Archive = true;
        return this;
    }

    public async Task<AppendResult> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.Count == 0)
        {
            return AppendResult.Empty;
        }

        var streams = _pending.Values.OrderBy(s => s.Id).ToList();
        var writer = new AppendWriter(_store, Metadata);
        AppendResult result;
        if (_external is not null)
        {
            result = await writer.WriteAsync(_external.Connection!, TransactionScope.Savepoint(_external), streams, cancellationToken);
        }
        else
        {
            await using var connection = await _store.DataSource.OpenConnectionAsync(cancellationToken);
            result = await writer.WriteAsync(connection, TransactionScope.Own, streams, cancellationToken);
            _store.NotifyCommitted(result.LastSequence);
        }

        _pending.Clear();
        return result;
    }

    public ValueTask DisposeAsync()
    {
        _pending.Clear();
        return ValueTask.CompletedTask;
    }

    private PendingStream Pending(Guid streamId, string? streamType, ExpectedVersion expected)
    {
        if (_pending.TryGetValue(streamId, out var existing))
        {
            if (!expected.IsAny)
            {
                throw new InvalidOperationException($"Stream {streamId} is already part of this unit of work; further appends must expect Any.");
            }

            existing.Type ??= streamType;
            return existing;
        }

        var pending = new PendingStream(streamId, streamType, expected);
        _pending.Add(streamId, pending);
        return pending;
    }
}

internal sealed class PendingStream(Guid id, string? type, ExpectedVersion expected)
{
    public Guid Id { get; } = id;

    public string? Type { get; set; } = type;

    public ExpectedVersion Expected { get; } = expected;

    public List<object> Events { get; } = [];

    public bool Archive { get; set; }
}
