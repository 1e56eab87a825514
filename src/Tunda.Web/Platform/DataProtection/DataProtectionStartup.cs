using Npgsql;

namespace Tunda.Web.Platform.DataProtection;

/// <summary>
/// Creates the key table at startup, off the startup path. A database that is not reachable yet
/// does not stop the app: the repository creates the table on first use instead.
/// </summary>
internal sealed partial class DataProtectionStartup(PostgresXmlRepository repository, ILogger<DataProtectionStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            repository.EnsureTable();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogDeferred(ex.Message);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Data protection key table not created at startup ({Reason}); it will be on first use")]
    private partial void LogDeferred(string reason);
}
