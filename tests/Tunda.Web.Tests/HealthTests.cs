using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Configuration;
using System.Net;
using System.Text.Json;

namespace Tunda.Web.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task health_names_the_database_and_each_projections_lag()
    {
        await using var app = new TundaApp(CountingProjection.Module("event_counts"));
        var store = await app.StoreReadyAsync();
        await using (var session = store.OpenSession())
        {
            var last = (await session.StartStream(Guid.NewGuid(), "thing", new ThingHappened("a"), new ThingHappened("b")).SaveChangesAsync()).LastSequence;
            await store.Admin.WaitForAsync("event_counts", last, TimeSpan.FromSeconds(30));
        }

        var response = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.GetProperty("status").GetString().ShouldBe("healthy");
        var database = root.GetProperty("database");
        database.GetProperty("status").GetString().ShouldBe("up");
        database.GetProperty("schema").GetString().ShouldBe(app.Schema);
        database.GetProperty("server").GetString()!.ShouldStartWith("15");
        database.GetProperty("lastSequence").GetInt64().ShouldBe(2);
        var projection = root.GetProperty("projections").EnumerateArray().ShouldHaveSingleItem();
        projection.GetProperty("name").GetString().ShouldBe("event_counts");
        projection.GetProperty("lag").GetInt64().ShouldBe(0);
        projection.GetProperty("lastSequence").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task health_counts_the_message_queue_and_its_dead_letters()
    {
        await using var app = new TundaApp();
        await app.StoreReadyAsync();
        await app.Services.GetRequiredService<MessagingStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await TestDatabase.ExecuteAsync($"INSERT INTO {app.Schema}.message_dead_letters (id, type, body, metadata, attempts, error, enqueued_at) VALUES (gen_random_uuid(), 'lost', '{{}}', '{{}}', 5, 'boom', now())");

        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/health", UriKind.Relative)));

        json.RootElement.GetProperty("status").GetString().ShouldBe("healthy");
        var messaging = json.RootElement.GetProperty("messaging");
        messaging.GetProperty("deadLetters").GetInt64().ShouldBe(1);
        messaging.GetProperty("ready").GetInt64().ShouldBe(0);
        messaging.GetProperty("nodes").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task a_paused_projection_makes_health_degraded_and_shows_its_lag_and_failure()
    {
        await using var app = new TundaApp(CountingProjection.Module("fragile_counts", failOn: "poison"));
        var store = await app.StoreReadyAsync();
        await using (var session = store.OpenSession())
        {
            await session.StartStream(Guid.NewGuid(), "thing", new ThingHappened("fine"), new ThingHappened("poison"), new ThingHappened("after")).SaveChangesAsync();
        }

        await Should.ThrowAsync<EventStore.Daemon.ProjectionPausedException>(() => store.Admin.WaitForAsync("fragile_counts", 3, TimeSpan.FromSeconds(30)));
        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/health", UriKind.Relative)));

        json.RootElement.GetProperty("status").GetString().ShouldBe("degraded");
        var projection = json.RootElement.GetProperty("projections")[0];
        projection.GetProperty("status").GetString().ShouldBe("paused");
        projection.GetProperty("lag").GetInt64().ShouldBe(2);
        projection.GetProperty("failedSequence").GetInt64().ShouldBe(2);
        projection.GetProperty("failure").GetString()!.ShouldContain("poison");
    }

    [Fact]
    public async Task health_answers_503_without_a_stack_trace_when_the_database_is_down()
    {
        await using var app = new TundaApp(connectionString: "Host=127.0.0.1;Port=1;Username=nobody;Database=gone;Timeout=2");

        var response = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("   at ");
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("status").GetString().ShouldBe("unhealthy");
        json.RootElement.GetProperty("database").GetProperty("status").GetString().ShouldBe("down");
        json.RootElement.GetProperty("database").GetProperty("database").GetString().ShouldBe("gone");
    }
}
