using Npgsql;
using Tunda.Web.Platform.Database;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Inbound;

/// <summary>Migrates the intake's table once the store's schema exists.</summary>
public sealed partial class InboundStartup(StoreStartup store, MessagingStartup messaging, NpgsqlDataSource dataSource, DatabaseOptions database, ILogger<InboundStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the intake can take mail: its table exists and messaging runs.</summary>
    public Task Ready => _ready.Task;

    public static Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(dataSource, schema, InboundMigrations.Component, InboundMigrations.All, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.Ready.WaitAsync(stoppingToken);
        while (!_ready.Task.IsCompleted)
        {
            try
            {
                await MigrateAsync(dataSource, database.Schema, stoppingToken);
                await messaging.Ready.WaitAsync(stoppingToken);
                _ready.TrySetResult();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogWaiting(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Inbound mail table not ready yet ({Reason}); retrying")]
    private partial void LogWaiting(string reason);
}
