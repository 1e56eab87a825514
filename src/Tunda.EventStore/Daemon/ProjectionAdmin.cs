using Tunda.EventStore.Projections;

namespace Tunda.EventStore.Daemon;

/// <summary>
/// Operations on projections that work from any process: status, rebuild, resume after a fault,
/// and waiting until a projection has reached a sequence number (read-your-writes).
/// </summary>
public sealed class ProjectionAdmin
{
    private readonly EventStore _store;
    private readonly ProjectionProgress _progress;

    internal ProjectionAdmin(EventStore store)
    {
        _store = store;
        _progress = new ProjectionProgress(store.Schema);
    }

    /// <summary>Raised after a rebuild or resume in this process, to wake local agents.</summary>
    internal event Action<long>? Changed;

    public Task<IReadOnlyList<ProjectionState>> StatusAsync(CancellationToken cancellationToken = default) =>
        _progress.ReadAllAsync(_store.DataSource, cancellationToken);

    public async Task<ProjectionState> StatusAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.DataSource.OpenConnectionAsync(cancellationToken);
        return await _progress.ReadAsync(connection, null, name, cancellationToken);
    }

    /// <summary>
    /// Empties the read model and sets its checkpoint to zero in one transaction; the owning daemon
    /// (wherever it runs) sees the checkpoint move at its next batch and replays from the start.
    /// </summary>
    public async Task RebuildAsync(string name, CancellationToken cancellationToken = default)
    {
        var projection = _store.Options.Projections.Get(name);
        await using var connection = await _store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Lock the checkpoint row before touching the read model: the owner does the same, so the
        // two queue up instead of deadlocking.
        await _progress.ReadAsync(connection, transaction, name, cancellationToken);
        await projection.ResetAsync(new ProjectionContext(connection, transaction, _store.Schema), cancellationToken);
        await _progress.ResetAsync(connection, transaction, name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Changed?.Invoke(0);
    }

    /// <summary>Clears a fault so the projection retries from the event that failed.</summary>
    public async Task ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        await _progress.ResumeAsync(_store.DataSource, name, cancellationToken);
        Changed?.Invoke(0);
    }

    /// <summary>Waits until <paramref name="name"/> has applied everything up to <paramref name="sequence"/>.</summary>
    /// <exception cref="ProjectionPausedException">The projection stopped on a failing event first.</exception>
    /// <exception cref="TimeoutException">It did not get there in time.</exception>
    public async Task WaitForAsync(string name, long sequence, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var delay = TimeSpan.FromMilliseconds(5);
        try
        {
            while (true)
            {
                var state = await StatusAsync(name, deadline.Token);
                if (state.LastSequence >= sequence)
                {
                    return;
                }

                if (state.IsPaused)
                {
                    throw new ProjectionPausedException(state);
                }

                await Task.Delay(delay, deadline.Token);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Projection '{name}' did not reach sequence {sequence} within {timeout}.");
        }
    }
}

public sealed class ProjectionPausedException(ProjectionState state)
    : Exception($"Projection '{state.Name}' is paused at sequence {state.FailedSequence}: {state.Failure}")
{
    public ProjectionState State { get; } = state;
}
