using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Messaging;
using Tunda.Web.Configuration;

namespace Tunda.Web.Tests;

public sealed class MessagingTests
{
    [Fact]
    public async Task a_message_published_through_the_apps_bus_is_handled_by_the_apps_worker()
    {
        await using var app = new TundaApp(messaging: TestMessages.Module());
        var bus = await app.BusReadyAsync();
        await TestMessages.CreateGreetingsTableAsync(app.Schema);

        var id = Guid.NewGuid();
        (await bus.PublishAsync(new Greet("Amani"), id)).ShouldBeTrue();

        await TestMessages.EventuallyAsync(
            async () => await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.greetings") == 1, "the worker handled the greeting");
        (await TestDatabase.ScalarAsync<string>($"SELECT name FROM {app.Schema}.greetings WHERE message_id = '{id}'")).ShouldBe("Amani");
        (await TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {app.Schema}.messages")).ShouldBe(0);
        (await TestDatabase.ScalarAsync<string>($"SELECT name FROM {app.Schema}.message_nodes")).ShouldBe(MessagingStartup.NodeName);

        var health = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task messaging_timings_are_read_from_the_tunda_messaging_section()
    {
        await using var app = new TundaApp(messaging: TestMessages.Module());
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Tunda:Messaging:PollInterval", "00:00:07").UseSetting("Tunda:Messaging:BatchSize", "3"));

        var options = configured.Services.GetRequiredService<MessagingOptions>();

        options.PollInterval.ShouldBe(TimeSpan.FromSeconds(7));
        options.BatchSize.ShouldBe(3);
        options.Handlers.Handles(typeof(Greet)).ShouldBeTrue();
    }
}
