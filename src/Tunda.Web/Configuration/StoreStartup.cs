using Marten;
using Npgsql;

namespace Tunda.Web.Configuration;

/// <summary>
/// Applies Marten's schema: events, documents, projections, the hash chain, retrying while the
/// database does not answer or another writer of the schema wins a race. (Wolverine, which reads its node table while it starts, is started by
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
            catch (Exception ex) when (FromTheDatabase(ex))
            {
                LogWaiting(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    // The database not answering, or another writer of the same schema (a second node, the async
    // daemon creating a projection's table at the same moment: "duplicate key ... pg_type") winning
    // a race: Marten wraps what PostgreSQL said in its own exceptions, so the whole chain is looked at.
    // The next attempt compares the schema again and finds less or nothing to do.
    private static bool FromTheDatabase(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(LogLevel.Information, "Store ready in schema {Schema}")]
    private partial void LogReady(string schema);

    [LoggerMessage(LogLevel.Warning, "Database not reachable yet ({Reason}); retrying")]
    private partial void LogWaiting(string reason);
}
