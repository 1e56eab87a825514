using Npgsql;
using Tunda.Web.Configuration;
using Tunda.Web.Security.Sessions;
using Tunda.Web.Security.Throttling;
using Tunda.Web.Security.Tokens;

namespace Tunda.Web.Security;

/// <summary>
/// Migrates the security tables once the store's schema exists, then hourly drops expired sessions,
/// tokens and login failures (validation already ignores them; this only keeps the tables small).
/// </summary>
public sealed partial class SecurityStartup(StoreStartup store, SecurityDatabase database, SessionStore sessions, OneTimeTokens tokens, LoginThrottle throttle, ILogger<SecurityStartup> logger) : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the security tables exist.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.Ready.WaitAsync(stoppingToken);
        while (!_ready.Task.IsCompleted)
        {
            try
            {
                await database.MigrateAsync(stoppingToken);
                _ready.TrySetResult();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogWaiting(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }

        using var timer = new PeriodicTimer(PurgeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await sessions.PurgeExpiredAsync(stoppingToken) + await tokens.PurgeExpiredAsync(stoppingToken) + await throttle.PurgeExpiredAsync(stoppingToken);
                LogPurged(purged);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogWaiting(ex.Message);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Security tables not ready yet ({Reason}); retrying")]
    private partial void LogWaiting(string reason);

    [LoggerMessage(LogLevel.Debug, "Purged {Count} expired sessions, tokens and login failures")]
    private partial void LogPurged(int count);
}
