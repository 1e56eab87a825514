using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Messaging;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

public sealed class InboundProcessingTests
{
    [Fact]
    public async Task handling_a_processed_message_again_changes_nothing()
    {
        await using var app = await InboundApp.StartAsync();
        var id = (await (await app.PostAsync(SampleMail.Personal())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await app.ProcessedAsync();
        var bus = app.Services.GetRequiredService<MessageBus>();

        await bus.PublishAsync(new ProcessInboundMail(id));
        await TestMessages.EventuallyAsync(async () => await InboundRows.QueuedCountAsync(app.Schema) == 0, "the repeated message is handled");

        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(1);
        (await app.RowsAsync()).ShouldHaveSingleItem().Status.ShouldBe("processed");
        (await bus.DeadLetters.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task processing_an_id_that_was_never_stored_does_nothing()
    {
        await using var app = await InboundApp.StartAsync();
        var bus = app.Services.GetRequiredService<MessageBus>();

        await bus.PublishAsync(new ProcessInboundMail(Guid.NewGuid()));
        await TestMessages.EventuallyAsync(async () => await InboundRows.QueuedCountAsync(app.Schema) == 0, "the message is handled");

        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(0);
        (await bus.DeadLetters.ListAsync()).ShouldBeEmpty();
    }
}
