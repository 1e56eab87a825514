using Microsoft.Extensions.Logging;
using Npgsql;
using Tunda.EventStore.Projections;

namespace Tunda.EventStore.Daemon;

/// <summary>
/// Runs one async projection. At most one agent in the whole cluster owns a projection: it holds
/// a session advisory lock on its own connection, so the lock dies with that connection and
/// another daemon takes over. Each batch writes read-model rows and the checkpoint in one
/// transaction that first locks the checkpoint row and checks it still holds the value read,
/// so a rebuild or a former owner can never make an event count twice.
/// </summary>
internal sealed class ProjectionAgent(
    EventStore store,
    IProjection projection,
    HighWaterMark highWaterMark,
    DaemonOptions options,
    string lockConnectionString,
    ILogger logger)
{
    private readonly ProjectionProgress _progress = new(store.Schema);

    public WakeSignal Wake { get; } = new();

    public bool IsOwner { get; private set; }

    public string Name => projection.Name;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(lockConnectionString);
                await connection.OpenAsync(cancellationToken);
                if (await TryLockAsync(connection, cancellationToken))
                {
                    IsOwner = true;
                    await ProcessWhileOwnerAsync(connection, cancellationToken);
                }
                else
                {
                    await Task.Delay(options.LockRetryInterval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // Lost the connection (and with it the lock): start over as a candidate.
                IsOwner = false;
                DaemonLog.ConnectionLost(logger, projection.Name, ex.Message);
                await Delay(options.ReconnectDelay, cancellationToken);
            }
            finally
            {
                IsOwner = false;
            }
        }
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext($1))", connection);
        command.Parameters.Add(new() { Value = $"tunda-projection:{store.Schema}:{projection.Name}" });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ProcessWhileOwnerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _progress.EnsureAsync(connection, null, projection.Name, cancellationToken);
        var state = await _progress.ReadAsync(connection, null, projection.Name, cancellationToken);
        DaemonLog.Owning(logger, projection.Name, state.LastSequence);
        var lastHeartbeat = DateTime.UtcNow;
        await _progress.HeartbeatAsync(connection, projection.Name, store.Options.NodeName, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (DateTime.UtcNow - lastHeartbeat > options.HeartbeatInterval)
            {
                await _progress.HeartbeatAsync(connection, projection.Name, store.Options.NodeName, cancellationToken);
                lastHeartbeat = DateTime.UtcNow;
            }

            if (state.IsPaused)
            {
                await Wake.WaitAsync(options.PollInterval, cancellationToken);
                state = await _progress.ReadAsync(connection, null, projection.Name, cancellationToken);
                continue;
            }

            var safe = await highWaterMark.RefreshAsync(cancellationToken);
            if (state.LastSequence >= safe)
            {
                await Wake.WaitAsync(highWaterMark.HasPending ? options.FenceRecheckInterval : options.PollInterval, cancellationToken);
                state = await _progress.ReadAsync(connection, null, projection.Name, cancellationToken);
                continue;
            }

            var events = await store.Reader.ReadRangeAsync(connection, state.LastSequence, safe, options.BatchSize, cancellationToken);

            // A short page reached the safe mark: everything up to it is applied or a rolled-back hole.
            var to = events.Count == options.BatchSize ? events[^1].Sequence : safe;
            state = await ApplyAsync(connection, state, events, to, cancellationToken);
        }
    }

    private async Task<ProjectionState> ApplyAsync(NpgsqlConnection connection, ProjectionState state, IReadOnlyList<StreamEvent> events, long to, CancellationToken cancellationToken)
    {
        var outcome = await TryApplyAsync(connection, state.LastSequence, events, to, cancellationToken);
        if (outcome.Error is null)
        {
            return await _progress.ReadAsync(connection, null, projection.Name, cancellationToken);
        }

        // Find the event at fault: apply one at a time, so everything before it is kept.
        var checkpoint = state.LastSequence;
        foreach (var e in events)
        {
            var single = await TryApplyAsync(connection, checkpoint, [e], e.Sequence, cancellationToken);
            if (single.Error is not null)
            {
                if (single.CheckpointHeld)
                {
                    await _progress.PauseAsync(connection, projection.Name, e, single.Error, cancellationToken);
                    DaemonLog.Paused(logger, single.Error, projection.Name, e.Sequence, e.Id);
                }

                break;
            }

            if (!single.CheckpointHeld)
            {
                break;
            }

            checkpoint = e.Sequence;
        }

        return await _progress.ReadAsync(connection, null, projection.Name, cancellationToken);
    }

    /// <summary>Applies a batch; CheckpointHeld is false when the checkpoint was not where we left it.</summary>
    private async Task<(bool CheckpointHeld, Exception? Error)> TryApplyAsync(NpgsqlConnection connection, long from, IReadOnlyList<StreamEvent> events, long to, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await _progress.ReadAsync(connection, transaction, projection.Name, cancellationToken);
        if (current.LastSequence != from || current.IsPaused)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (false, null);
        }

        try
        {
            if (events.Count > 0)
            {
                await projection.ApplyAsync(new ProjectionContext(connection, transaction, store.Schema), events, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && connection.State == System.Data.ConnectionState.Open)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return (true, ex);
        }

        var moved = await _progress.AdvanceAsync(connection, transaction, projection.Name, from, to, store.Options.NodeName, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (moved, null);
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
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
