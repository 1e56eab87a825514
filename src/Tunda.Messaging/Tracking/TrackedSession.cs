using Tunda.EventStore;

namespace Tunda.Messaging.Tracking;

/// <summary>What a tracked action caused: its correlation id and the messages that ended as dead letters.</summary>
public sealed record TrackedResult(Guid CorrelationId, IReadOnlyList<DeadLetter> DeadLetters);

/// <summary>
/// For tests: runs an action under a fresh correlation id, then waits until every message it caused,
/// transitively (all carry that correlation id), has left the queue and the named projections
/// (including event subscriptions, which cause messages of their own) have caught up.
/// Workers and daemons must be running.
/// </summary>
public sealed class TrackedSession(MessageBus bus, params string[] projections)
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public async Task<(InvokeResult Result, TrackedResult Tracked)> InvokeAsync(object command, EventMetadata? metadata = null)
    {
        InvokeResult? result = null;
        var tracked = await ExecuteAsync(async m => result = await bus.InvokeAsync(command, m), metadata);
        return (result!, tracked);
    }

    /// <summary>The action must pass the metadata it is given on to whatever it sends (that is how it is tracked).</summary>
    public async Task<TrackedResult> ExecuteAsync(Func<EventMetadata, Task> action, EventMetadata? metadata = null)
    {
        var correlationId = Guid.CreateVersion7();
        await action((metadata ?? EventMetadata.SystemDefault) with { CorrelationId = correlationId });
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await WaitUntilSettledAsync(correlationId, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Messages of correlation {correlationId} were still outstanding after {Timeout}.");
        }

        return new TrackedResult(correlationId, await bus.DeadLetters.ListAsync(correlationId));
    }

    /// <summary>
    /// Settled when, with the projections caught up to the head, nothing is queued and the head did not
    /// move meanwhile: a handled message commits its events before its row disappears, so any event it
    /// caused is at or below the head we waited for.
    /// </summary>
    private async Task WaitUntilSettledAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var head = await HeadAsync(cancellationToken);
            foreach (var projection in projections)
            {
                await bus.Store.Admin.WaitForAsync(projection, head, Timeout, cancellationToken);
            }

            if (await OutstandingAsync(correlationId, cancellationToken) == 0 && await HeadAsync(cancellationToken) == head)
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private Task<long> HeadAsync(CancellationToken cancellationToken) => bus.Store.LastSequenceAsync(cancellationToken);

    private async Task<long> OutstandingAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        await using var command = bus.Store.DataSource.CreateCommand($"SELECT count(*) FROM {bus.Schema}.messages WHERE correlation_id = $1");
        command.Parameters.Add(new() { Value = correlationId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
