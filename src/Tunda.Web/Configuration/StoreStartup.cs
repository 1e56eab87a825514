using Npgsql;
using Tunda.EventStore.Daemon;

namespace Tunda.Web.Configuration;

/// <summary>
/// Migrates the schema and starts the projection daemon. If the database is not reachable yet the
/// app still starts (so /health can say so) and keeps trying in the background.
/// </summary>
public sealed partial class StoreStartup(EventStore.EventStore store, ProjectionDaemon daemon, ILogger<StoreStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the schema is migrated and the daemon runs.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.MigrateAsync(stoppingToken);
                await daemon.StartAsync(stoppingToken);
                _ready.TrySetResult();
                LogReady(store.Schema);
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
        await daemon.StopAsync();
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Event store ready in schema {Schema}; projection daemon started")]
    private partial void LogReady(string schema);

    [LoggerMessage(LogLevel.Warning, "Database not reachable yet ({Reason}); retrying")]
    private partial void LogWaiting(string reason);
}
