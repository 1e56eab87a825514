using Npgsql;
using Tunda.EventStore.Daemon;
using Tunda.EventStore.Schema;
using Tunda.Messaging;
using Tunda.Messaging.Queue;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Features.Health;

/// <summary>
/// GET /health: 200 with the database, every projection's lag, the message queue (null until its
/// tables exist) and each IMAP mailbox's last poll, or 503 when the database cannot be reached. Never shows a stack trace; the error
/// text names the cause.
/// </summary>
public static class HealthEndpoint
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", CheckAsync).WithName("Health").AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> CheckAsync(EventStore.EventStore store, MessageBus bus, ImapPollStatus imap, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            var database = await DatabaseHealth.ReadAsync(store, timeout.Token);
            var projections = database.SchemaVersion < SchemaMigrator.LatestVersion
                ? []
                : (await store.Admin.StatusAsync(timeout.Token)).Select(p => ProjectionHealth.From(p, database.LastSequence)).ToList();
            var queue = await QueueAsync(bus, timeout.Token);
            var healthy = database.SchemaVersion == SchemaMigrator.LatestVersion && projections.All(p => p.Status == ProjectionState.Running) && imap.AllHealthy;
            return Results.Json(new HealthReport(healthy ? "healthy" : "degraded", database, projections, queue, imap.Mailboxes));
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            var report = new HealthReport("unhealthy", DatabaseHealth.Down(store, ex), [], null, imap.Mailboxes);
            return Results.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    // Dead letters need a person, not a restart: they are counted here for monitoring to alert on,
    // and do not make the service unhealthy.
    private static async Task<QueueStatus?> QueueAsync(MessageBus bus, CancellationToken cancellationToken)
    {
        try
        {
            return await bus.Queue.StatusAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }
}

public sealed record HealthReport(
    string Status, DatabaseHealth Database, IReadOnlyList<ProjectionHealth> Projections, QueueStatus? Messaging, IReadOnlyList<ImapMailboxHealth> ImapMailboxes);

public sealed record ProjectionHealth(string Name, string Status, long LastSequence, long Lag, string? Owner, DateTimeOffset? Heartbeat, long? FailedSequence, string? Failure)
{
    public static ProjectionHealth From(ProjectionState state, long lastSequence) => new(
        state.Name,
        state.Status,
        state.LastSequence,
        Math.Max(0, lastSequence - state.LastSequence),
        state.Owner,
        state.Heartbeat,
        state.FailedSequence,
        state.Failure?.Split('\n')[0]);
}
