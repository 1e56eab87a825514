using Marten;
using Npgsql;
using Tunda.Web.Features.Inbound;
using Wolverine.Persistence.Durability;

namespace Tunda.Web.Features.Health;

/// <summary>
/// GET /health: 200 with the database, every async projection's lag (from Marten's progression),
/// the message store's counts (Wolverine) and each IMAP mailbox's last poll, or 503 when the
/// database cannot be reached. Never shows a stack trace; the error text names the cause.
/// </summary>
public static class HealthEndpoint
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", CheckAsync).WithName("Health").AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> CheckAsync(IDocumentStore store, NpgsqlDataSource dataSource, IMessageStore messages, ImapPollStatus imap, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var schema = store.Options.DatabaseSchemaName;
        try
        {
            var database = await DatabaseHealth.ReadAsync(dataSource, schema, timeout.Token);
            var projections = database.SchemaReady
                ? (await store.Advanced.AllProjectionProgress(token: timeout.Token))
                    .Select(p => new ProjectionHealth(p.ShardName, p.Sequence, Math.Max(0, database.LastSequence - p.Sequence))).ToList()
                : [];
            var queue = database.SchemaReady ? await QueueAsync(messages) : null;
            var healthy = database.SchemaReady && imap.AllHealthy;
            return Results.Json(new HealthReport(healthy ? "healthy" : "degraded", database, projections, queue, imap.Mailboxes));
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            var report = new HealthReport("unhealthy", DatabaseHealth.Down(dataSource, schema, ex), [], null, imap.Mailboxes);
            return Results.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    // Dead letters need a person, not a restart: they are counted here for monitoring to alert on,
    // and do not make the service unhealthy.
    private static async Task<QueueHealth?> QueueAsync(IMessageStore messages)
    {
        try
        {
            var counts = await messages.Admin.FetchCountsAsync();
            return new QueueHealth(counts.Incoming, counts.Scheduled, counts.Outgoing, counts.DeadLetter);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }
}

public sealed record HealthReport(
    string Status, DatabaseHealth Database, IReadOnlyList<ProjectionHealth> Projections, QueueHealth? Messaging, IReadOnlyList<ImapMailboxHealth> ImapMailboxes);

/// <summary>An async projection shard: the last event it processed and how far behind the store's newest it is.</summary>
public sealed record ProjectionHealth(string Name, long LastSequence, long Lag);

/// <summary>Wolverine's durable message store: waiting, scheduled, not yet sent, and dead letters.</summary>
public sealed record QueueHealth(int Incoming, int Scheduled, int Outgoing, int DeadLetters);
