using Marten;
using Npgsql;

namespace Tunda.Web.Configuration;

/// <summary>
/// Applies Marten's schema: events, documents, projections, the hash chain, retrying while the
/// database does not answer. (Wolverine, which reads its node table while it starts, is started by
/// <see cref="MessagingStartup"/> once the database answers; /health answers 503 meanwhile.)
/// </summary>
public sealed partial class StoreStartup(IDocumentStore store, ILogger<StoreStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the schema is in place.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                _ready.TrySetResult();
                LogReady(store.Options.DatabaseSchemaName);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogWaiting(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Store ready in schema {Schema}")]
    private partial void LogReady(string schema);

    [LoggerMessage(LogLevel.Warning, "Database not reachable yet ({Reason}); retrying")]
    private partial void LogWaiting(string reason);
}
