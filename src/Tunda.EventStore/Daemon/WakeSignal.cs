namespace Tunda.EventStore.Daemon;

/// <summary>A latch that a waiter sleeps on until signalled or a timeout passes; signals coalesce.</summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => _source.TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = Volatile.Read(ref _source);
        try
        {
            await source.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }

        if (source.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _source, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), source);
        }
    }
}
