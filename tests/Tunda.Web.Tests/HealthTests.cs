using System.Net;
using System.Text.Json;
using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Npgsql;
using Tunda.Web.Configuration;

namespace Tunda.Web.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task health_names_the_database_its_newest_event_and_the_oldest_open_transaction()
    {
        await using var app = await TundaApp.StartAsync();
        var last = await HealthTicksProjection.AppendAsync(app.Get<IDocumentStore>(), 1, 2);
        await app.Get<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        // A transaction holding an id, as a slow or stuck request would: it holds every async projection back.
        await using var open = await TestDatabase.DataSource.OpenConnectionAsync();
        await using var transaction = await open.BeginTransactionAsync();
        await new NpgsqlCommand("SELECT txid_current()", open, transaction).ExecuteScalarAsync();

        var response = await app.HealthClient().GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.GetProperty("status").GetString().ShouldBe("healthy");
        var database = root.GetProperty("database");
        database.GetProperty("status").GetString().ShouldBe("up");
        database.GetProperty("schema").GetString().ShouldBe(app.Schema);
        database.GetProperty("database").GetString().ShouldBe(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString).Database);
        database.GetProperty("server").GetString()!.ShouldStartWith("15");
        database.GetProperty("schemaReady").GetBoolean().ShouldBeTrue();
        database.GetProperty("lastSequence").GetInt64().ShouldBe(last);
        database.GetProperty("oldestTransactionSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        // The helpdesk inbox is the app's async projection.
        var inbox = root.GetProperty("projections").EnumerateArray().Where(p => p.GetProperty("name").GetString()!.StartsWith("TicketInboxRow", StringComparison.Ordinal)).ShouldHaveSingleItem();
        inbox.GetProperty("lastSequence").GetInt64().ShouldBe(last);
        inbox.GetProperty("lag").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task health_counts_the_waiting_scheduled_and_dead_messages_and_a_dead_letter_makes_it_degraded()
    {
        await using var app = await TundaApp.StartAsync();
        await app.TrackFailuresAsync(bus => bus.PublishAsync(MessagesCommandTests.UnknownTemplate()));
        await app.Bus.ScheduleAsync(EmailApps.Mail("confirm-email", "it", EmailApps.ConfirmValues()), DateTimeOffset.UtcNow.AddHours(1));

        using var json = JsonDocument.Parse(await app.HealthClient().GetStringAsync(new Uri("/health", UriKind.Relative)));

        json.RootElement.GetProperty("status").GetString().ShouldBe("degraded");
        json.RootElement.GetProperty("components").GetProperty("messaging").GetString().ShouldBe("degraded");
        json.RootElement.GetProperty("components").GetProperty("database").GetString().ShouldBe("healthy");
        var messaging = json.RootElement.GetProperty("messaging");
        messaging.GetProperty("deadLetters").GetInt32().ShouldBe(1);
        messaging.GetProperty("scheduled").GetInt32().ShouldBe(1);
        messaging.GetProperty("incoming").GetInt32().ShouldBe(0);
        messaging.GetProperty("outgoing").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task health_shows_each_async_projections_progress_and_how_far_a_paused_one_lags()
    {
        await using var app = await TundaApp.StartAsync(HealthTicksProjection.AddTo);
        var store = app.Get<IDocumentStore>();
        var caughtUp = await HealthTicksProjection.AppendAsync(store, 1, 2, 3);
        await TestMessages.EventuallyAsync(async () => await store.Advanced.ProjectionProgressFor(new ShardName(HealthTicksProjection.Shard)) >= caughtUp, "the projection caught up");

        var healthy = Projection(await HealthAsync(app));

        healthy.GetProperty("lastSequence").GetInt64().ShouldBe(caughtUp);
        healthy.GetProperty("lag").GetInt64().ShouldBe(0);

        var last = await HealthTicksProjection.AppendAsync(store, HealthTicksProjection.Poison, 4, 5);
        await TestMessages.EventuallyAsync(
            () => Task.FromResult(app.Get<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase().CurrentAgents()
                .Any(a => a.Name.Identity == new ShardName(HealthTicksProjection.Shard).Identity && a.Status == AgentStatus.Paused)),
            "the daemon paused the projection at the poison tick");

        var paused = Projection(await HealthAsync(app));

        paused.GetProperty("lastSequence").GetInt64().ShouldBe(caughtUp);
        paused.GetProperty("lag").GetInt64().ShouldBe(last - caughtUp);
    }

    [Fact]
    public async Task health_answers_503_without_a_stack_trace_when_the_database_goes_away()
    {
        await using var database = new HealthDatabaseProxy();
        var app = await TundaApp.StartAsync(connectionString: database.ConnectionString);
        try
        {
            await app.Get<StoreStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
            (await app.HealthClient().GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

            await database.CutAsync();
            var response = await app.HealthClient().GetAsync(new Uri("/health", UriKind.Relative));

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var body = await response.Content.ReadAsStringAsync();
            body.ShouldNotContain("   at ");
            using var json = JsonDocument.Parse(body);
            json.RootElement.GetProperty("status").GetString().ShouldBe("unhealthy");
            var down = json.RootElement.GetProperty("database");
            down.GetProperty("status").GetString().ShouldBe("down");
            down.GetProperty("database").GetString().ShouldBe(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString).Database);
            down.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        }
        finally
        {
            await app.DisposeAsync();
            await TestDatabase.DropSchemaAsync(app.Schema);
        }
    }

    private static async Task<JsonElement> HealthAsync(TundaApp app)
    {
        using var json = JsonDocument.Parse(await app.HealthClient().GetStringAsync(new Uri("/health", UriKind.Relative)));
        return json.RootElement.Clone();
    }

    private static JsonElement Projection(JsonElement health) =>
        health.GetProperty("projections").EnumerateArray().Where(p => p.GetProperty("name").GetString()!.StartsWith(HealthTicksProjection.Shard, StringComparison.Ordinal)).ShouldHaveSingleItem();
}
