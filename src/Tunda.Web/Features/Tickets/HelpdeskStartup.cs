using Npgsql;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Database;

namespace Tunda.Web.Features.Tickets;

/// <summary>Migrates the helpdesk's table once the store's schema exists.</summary>
public sealed partial class HelpdeskStartup(StoreStartup store, NpgsqlDataSource dataSource, DatabaseOptions database, ILogger<HelpdeskStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once tickets can store attachments.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.Ready.WaitAsync(stoppingToken);
        while (!_ready.Task.IsCompleted)
        {
            try
            {
                await SchemaMigrator.MigrateAsync(dataSource, database.Schema, TicketMigrations.Component, TicketMigrations.All, stoppingToken);
                _ready.TrySetResult();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogWaiting(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Helpdesk table not ready yet ({Reason}); retrying")]
    private partial void LogWaiting(string reason);
}
