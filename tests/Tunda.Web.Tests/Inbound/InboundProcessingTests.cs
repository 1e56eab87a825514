using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Features.Inbound;
using Wolverine.Persistence.Durability;

namespace Tunda.Web.Tests.Inbound;

public sealed class InboundProcessingTests
{
    [Fact]
    public async Task handling_a_processed_message_again_changes_nothing()
    {
        await using var app = await InboundApp.StartAsync();
        var id = (await (await app.PostAsync(SampleMail.Personal())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await app.ProcessedAsync();

        await app.App.TrackAsync(bus => bus.PublishAsync(new ProcessInboundMail(id)));

        (await InboundRows.QueuedCountAsync(app.Schema)).ShouldBe(0);
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(1);
        (await app.RowsAsync()).ShouldHaveSingleItem().Status.ShouldBe("processed");
        (await DeadLettersAsync(app)).ShouldBe(0);
    }

    [Fact]
    public async Task a_message_over_the_parsers_limits_is_quarantined_with_the_parsers_reason()
    {
        await using var app = await InboundApp.StartAsync();
        var headers = string.Concat(Enumerable.Range(0, 1_100).Select(i => $"X-Loop-{i}: {i}\r\n"));
        var raw = System.Text.Encoding.ASCII.GetBytes(headers).Concat(SampleMail.Personal(messageId: "troppi-header@example.it")).ToArray();

        var answer = await app.PostAsync(raw);

        answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted);
        await app.ProcessedAsync();
        var row = (await app.RowsAsync()).ShouldHaveSingleItem();
        row.Status.ShouldBe("quarantined");
        row.QuarantineReason.ShouldNotBeNull().ShouldContain("MaxHeaderCount");
        (await app.EventCountAsync("inbound_mail_quarantined")).ShouldBe(1);
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(0);
    }

    [Fact]
    public async Task a_subject_that_decodes_to_a_nul_character_is_still_recorded()
    {
        await using var app = await InboundApp.StartAsync();

        await app.PostAsync(SampleMail.Personal(subject: "=?utf-8?Q?ciao=00mondo?="));

        await app.ProcessedAsync();
        var row = (await app.RowsAsync()).ShouldHaveSingleItem();
        row.Status.ShouldBe("processed");
        row.Subject.ShouldNotBeNull().ShouldStartWith("ciao");
        row.Subject.ShouldNotContain("\0");
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(1);
    }

    [Fact]
    public async Task processing_an_id_that_was_never_stored_does_nothing()
    {
        await using var app = await InboundApp.StartAsync();

        await app.App.TrackAsync(bus => bus.PublishAsync(new ProcessInboundMail(Guid.NewGuid())));

        (await InboundRows.QueuedCountAsync(app.Schema)).ShouldBe(0);
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(0);
        (await DeadLettersAsync(app)).ShouldBe(0);
    }

    private static async Task<int> DeadLettersAsync(InboundApp app) =>
        (await app.Services.GetRequiredService<IMessageStore>().Admin.FetchCountsAsync()).DeadLetter;
}
