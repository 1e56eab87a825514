using Npgsql;
using Tunda.Messaging;
using Tunda.Messaging.Workers;

namespace Tunda.Web.Configuration;

/// <summary>
/// Migrates messaging's tables and starts this process's worker once the event store is ready
/// (messaging's tables live in the store's schema, so the store goes first). Registered after
/// <see cref="StoreStartup"/>, so the host stops the worker before the projection daemon.
/// </summary>
public sealed partial class MessagingStartup(StoreStartup store, MessageBus bus, ILogger<MessagingStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MessageWorker? _worker;

    /// <summary>Completes once the tables are migrated and the worker runs.</summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// Unique per process: a pid is never shared by two live processes on one machine, and rows a
    /// dead process left claimed are freed by the others once its heartbeat is stale.
    /// </summary>
    public static string NodeName { get; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.MigrateAsync(stoppingToken);
                var worker = bus.CreateWorker(NodeName);
                await worker.StartAsync(stoppingToken);
                _worker = worker;
                _ready.TrySetResult();
                LogReady(NodeName, bus.Schema);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogWaiting(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _worker, null) is { } worker)
        {
            await worker.StopAsync();
        }
    }

    [LoggerMessage(LogLevel.Information, "Message worker {Node} started on schema {Schema}")]
    private partial void LogReady(string node, string schema);

    [LoggerMessage(LogLevel.Warning, "Messaging could not start yet ({Reason}); retrying")]
    private partial void LogWaiting(string reason);
}
