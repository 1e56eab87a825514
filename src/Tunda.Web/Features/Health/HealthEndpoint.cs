using Marten;
using Npgsql;
using Tunda.Domain.Staff;
using Tunda.Web.Features.Inbound;
using Tunda.Web.Security;
using Tunda.Web.Security.Authorization;
using Wolverine.Persistence.Durability;

namespace Tunda.Web.Features.Health;

/// <summary>
/// GET /health: 200 (503 when the database cannot be reached) with the overall status and each
/// component's (database, messaging, IMAP; each projection's lag is a detail). The details (database and schema names,
/// server version, projection lags, queue counts, mailboxes) only for a monitor sending
/// <c>Authorization: Bearer &lt;Tunda:Health:Token&gt;</c> and for staff administrators at
/// <c>/api/staff/health</c>: an anonymous caller
/// learns nothing about the installation. A dead letter makes the service degraded: it needs a
/// person. Never shows a stack trace; the detailed error text names the cause.
/// </summary>
public static class HealthEndpoint
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", (HttpContext http, IConfiguration configuration, [AsParameters] HealthSources sources, CancellationToken ct) =>
            AnswerAsync(sources, detailed: SecretValues.BearerMatches(http.Request, configuration[TokenSetting]), ct))
            .WithName("Health").AllowAnonymous();
        // Staff sessions count only under the staff paths: administrators read the details here.
        endpoints.MapGet("/api/staff/health", ([AsParameters] HealthSources sources, CancellationToken ct) => AnswerAsync(sources, detailed: true, ct))
            .WithName("StaffHealth").ExcludeFromDescription().RequireAuthorization(TundaPolicies.StaffRole(StaffRoles.Administrator));
        return endpoints;
    }

    public const string TokenSetting = "Tunda:Health:Token";

    private static async Task<IResult> AnswerAsync(HealthSources sources, bool detailed, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(sources.Store, sources.DataSource, sources.Messages, sources.Imap, cancellationToken);
        var status = report.Status == Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return detailed ? Results.Json(report, statusCode: status) : Results.Json(new HealthSummary(report.Status, report.Components), statusCode: status);
    }

    private const string Healthy = "healthy";
    private const string Degraded = "degraded";
    private const string Unhealthy = "unhealthy";

    private static async Task<HealthReport> ReportAsync(IDocumentStore store, NpgsqlDataSource dataSource, IMessageStore messages, ImapPollStatus imap, CancellationToken cancellationToken)
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
            var components = new Dictionary<string, string>
            {
                ["database"] = database.SchemaReady ? Healthy : Degraded,
                ["messaging"] = queue is { DeadLetters: 0 } ? Healthy : Degraded,
                ["imap"] = imap.AllHealthy ? Healthy : Degraded,
            };
            var overall = components.Values.All(c => c == Healthy) ? Healthy : Degraded;
            return new HealthReport(overall, components, database, projections, queue, imap.Mailboxes);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            var components = new Dictionary<string, string> { ["database"] = Unhealthy, ["imap"] = imap.AllHealthy ? Healthy : Degraded };
            return new HealthReport(Unhealthy, components, DatabaseHealth.Down(dataSource, schema, ex), [], null, imap.Mailboxes);
        }
    }

    // Dead letters need a person, not a restart: the service is degraded (not unhealthy) while any is left.
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

/// <summary>What the report is read from.</summary>
public sealed record HealthSources(IDocumentStore Store, NpgsqlDataSource DataSource, IMessageStore Messages, ImapPollStatus Imap);

/// <summary>What an anonymous caller sees: the overall status and each component's.</summary>
public sealed record HealthSummary(string Status, IReadOnlyDictionary<string, string> Components);

public sealed record HealthReport(
    string Status, IReadOnlyDictionary<string, string> Components, DatabaseHealth Database, IReadOnlyList<ProjectionHealth> Projections, QueueHealth? Messaging, IReadOnlyList<ImapMailboxHealth> ImapMailboxes);

/// <summary>An async projection shard: the last event it processed and how far behind the store's newest it is.</summary>
public sealed record ProjectionHealth(string Name, long LastSequence, long Lag);

/// <summary>Wolverine's durable message store: waiting, scheduled, not yet sent, and dead letters.</summary>
public sealed record QueueHealth(int Incoming, int Scheduled, int Outgoing, int DeadLetters);
