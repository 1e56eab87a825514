using Npgsql;

namespace Tunda.Messaging.Workers;

/// <summary>
/// Handles queued messages as one node. Any number of nodes (distinct names, any processes) may run
/// against one database: they claim rows with SKIP LOCKED, each handles a row in its own unit of
/// work that also deletes it, and each heartbeats so the others can free its rows if it dies.
/// </summary>
public sealed class MessageWorker : IAsyncDisposable
{
    private readonly MessageBus _bus;
    private readonly QueueRows _rows;
    private readonly AsyncSignal _wake = new();
    private readonly ClaimedMessageHandler _handler;
    private readonly QueueListener _listener;
    private CancellationTokenSource? _stop;
    private List<Task> _running = [];

    internal MessageWorker(MessageBus bus, string nodeName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        if (bus.Options.NodeTimeout < bus.Options.HeartbeatInterval * 3)
        {
            // A live node must get several heartbeats in before the others may call it dead.
            throw new ArgumentException("MessagingOptions.NodeTimeout must be at least three heartbeat intervals.", nameof(bus));
        }

        _bus = bus;
        _rows = new QueueRows(bus.Schema);
        NodeName = nodeName;
        _handler = new ClaimedMessageHandler(bus, _rows, nodeName, _wake);
        _listener = new QueueListener(bus.Store.Options.ConnectionString, bus.NotifyChannel, bus.InstanceId, _wake.Set);
    }

    public string NodeName { get; }

    private MessagingOptions Options => _bus.Options;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_stop is not null)
        {
            throw new InvalidOperationException("The worker is already running.");
        }

        // Rows still claimed under this name belong to an earlier run of this node that died.
        await using (var connection = await _bus.Store.DataSource.OpenConnectionAsync(cancellationToken))
        {
            await _rows.HeartbeatAsync(connection, NodeName, cancellationToken);
            await _rows.ReleaseAsync(connection, NodeName, cancellationToken);
        }

        // Listening before the first claim: a message committed elsewhere after this returns wakes us.
        var listening = await _listener.ListenAsync(cancellationToken);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _stop.Token;
        _bus.Enqueued += _wake.Set;
        _running =
        [
            Task.Run(() => _listener.RunAsync(listening, token), CancellationToken.None),
            .. Enumerable.Range(0, Math.Max(1, Options.HandlersPerNode)).Select(_ => Task.Run(() => ProcessAsync(token), CancellationToken.None)),
            Task.Run(() => HeartbeatAsync(token), CancellationToken.None),
        ];
    }

    public async Task StopAsync()
    {
        var stop = Interlocked.Exchange(ref _stop, null);
        if (stop is null)
        {
            return;
        }

        _bus.Enqueued -= _wake.Set;
        await stop.CancelAsync();
        await Task.WhenAll(_running);
        stop.Dispose();
        try
        {
            await using var connection = await _bus.Store.DataSource.OpenConnectionAsync(CancellationToken.None);
            await _rows.ReleaseAsync(connection, NodeName, CancellationToken.None);
            await _rows.LeaveAsync(connection, NodeName, CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException)
        {
            // The database (or, when a host shuts down twice at once, the data source) is gone: the
            // other nodes free these rows once our heartbeat is stale.
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Registers the node and claims rows without handling them (what a node that dies next leaves behind).</summary>
    internal async Task<IReadOnlyList<ClaimedMessage>> RegisterAndClaimAsync(int limit)
    {
        await using var connection = await _bus.Store.DataSource.OpenConnectionAsync();
        await _rows.HeartbeatAsync(connection, NodeName, CancellationToken.None);
        return await _rows.ClaimAsync(connection, NodeName, limit, CancellationToken.None);
    }

    private async Task ProcessAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                List<ClaimedMessage> batch;
                await using (var connection = await _bus.Store.DataSource.OpenConnectionAsync(cancellationToken))
                {
                    batch = await _rows.ClaimAsync(connection, NodeName, Options.BatchSize, cancellationToken);
                }

                foreach (var message in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await _handler.HandleAsync(message, cancellationToken);
                }

                if (batch.Count < Options.BatchSize)
                {
                    await _wake.WaitAsync(Options.PollInterval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // Lost the database mid-batch: wait, then give back what this node still holds. Rows
                // another loop of this node is handling stay safe: whoever deletes a row handles it,
                // and a row is deleted once.
                await Pause(Options.PollInterval, cancellationToken);
                await TryReleaseOwnAsync(cancellationToken);
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using (var connection = await _bus.Store.DataSource.OpenConnectionAsync(cancellationToken))
                {
                    await _rows.HeartbeatAsync(connection, NodeName, cancellationToken);
                    if (await _rows.RecoverAsync(connection, Options.NodeTimeout, cancellationToken) > 0)
                    {
                        _wake.Set();
                    }
                }

                await Task.Delay(Options.HeartbeatInterval, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                await Pause(Options.HeartbeatInterval, cancellationToken);
            }
        }
    }

    private async Task TryReleaseOwnAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _bus.Store.DataSource.OpenConnectionAsync(cancellationToken);
            await _rows.ReleaseAsync(connection, NodeName, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            // Still down, or the host is stopping and has disposed the data source: the next round
            // tries again, or other nodes recover the rows once this node's heartbeat stops.
        }
    }

    private static async Task Pause(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
