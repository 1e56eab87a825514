using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

public sealed class InboundMailApiTests
{
    [Fact]
    public async Task without_the_token_or_with_a_wrong_one_the_answer_is_401_problem_json_and_nothing_is_stored()
    {
        await using var app = await InboundApp.StartAsync();

        var missing = await app.PostAsync(SampleMail.Personal(), token: null);
        var wrong = await app.PostAsync(SampleMail.Personal(), token: InboundApp.Token + "x");

        foreach (var answer in new[] { missing, wrong })
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            answer.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
            (await answer.Content.ReadAsStringAsync()).ShouldContain("inbound.unauthorized");
        }

        (await app.RowsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task without_a_configured_token_the_endpoint_accepts_nothing()
    {
        await using var app = await InboundApp.StartAsync(token: null);

        var answer = await app.PostAsync(SampleMail.Personal(), token: "");

        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("inbound.http_disabled");
        (await app.RowsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task a_body_that_is_not_message_rfc822_is_refused_with_415(string mediaType)
    {
        await using var app = await InboundApp.StartAsync();

        var answer = await app.PostAsync(SampleMail.Personal(), mediaType: mediaType);

        answer.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await answer.Content.ReadAsStringAsync()).ShouldContain("inbound.media_type");
        (await app.RowsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_message_over_the_size_limit_is_refused_with_413()
    {
        await using var app = await InboundApp.StartAsync();
        var large = SampleMail.Personal().Concat(new byte[InboundApp.MaxMessageBytes]).ToArray();

        var answer = await app.PostAsync(large);

        answer.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await answer.Content.ReadAsStringAsync()).ShouldContain("inbound.too_large");
        (await app.RowsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_message_is_stored_with_its_hash_answered_202_then_processed_into_one_received_event()
    {
        await using var app = await InboundApp.StartAsync();
        var raw = SampleMail.Personal();

        var answer = await app.PostAsync(raw);

        answer.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(raw)));
        body.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        await app.ProcessedAsync();
        var row = (await app.RowsAsync()).ShouldHaveSingleItem();
        row.Id.ShouldBe(body.GetProperty("id").GetGuid());
        row.Raw.ShouldBe(raw);
        row.Channel.ShouldBe("http");
        row.MessageId.ShouldBe("richiesta-1@example.it");
        row.Status.ShouldBe("processed");
        row.Subject.ShouldBe("Sito non raggiungibile");
        row.From.ShouldNotBeNull().ShouldContain("mario.rossi@example.it");
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(1);
        var data = await TestDatabase.ScalarAsync<string>($"SELECT data::text FROM {app.Schema}.mt_events WHERE stream_id = '{row.Id}'");
        var received = JsonDocument.Parse(data).RootElement;
        received.GetProperty("kind").GetString().ShouldBe("personal");
        received.GetProperty("fromAddress").GetString().ShouldBe("mario.rossi@example.it");
        received.GetProperty("dmarc").GetString().ShouldBe("pass");
        var actorKind = await TestDatabase.ScalarAsync<string>($"SELECT headers->>'actorKind' FROM {app.Schema}.mt_events WHERE stream_id = '{row.Id}'");
        actorKind.ShouldBe("EmailSender");
    }

    [Fact]
    public async Task the_same_message_twice_is_stored_and_handled_once_and_the_duplicate_counted()
    {
        await using var app = await InboundApp.StartAsync();
        var raw = SampleMail.Personal();

        var first = await (await app.PostAsync(raw)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await app.PostAsync(raw);

        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        again.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        await app.ProcessedAsync();
        var row = (await app.RowsAsync()).ShouldHaveSingleItem();
        row.DuplicatesSeen.ShouldBe(1);
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_message_posted_eight_times_at_once_is_stored_and_handled_once()
    {
        await using var app = await InboundApp.StartAsync();
        var raw = SampleMail.Personal(messageId: "in-parallelo@example.it");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.PostAsync(raw)));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Accepted);
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonElement>()));
        bodies.Count(b => !b.GetProperty("duplicate").GetBoolean()).ShouldBe(1);
        bodies.Select(b => b.GetProperty("id").GetGuid()).Distinct().ShouldHaveSingleItem();
        await app.ProcessedAsync();
        (await app.RowsAsync()).ShouldHaveSingleItem().DuplicatesSeen.ShouldBe(7);
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(1);
    }

    [Fact]
    public async Task a_message_without_message_id_is_deduplicated_by_its_hash()
    {
        await using var app = await InboundApp.StartAsync();
        var raw = SampleMail.Personal(messageId: null);

        await app.PostAsync(raw);
        var again = await (await app.PostAsync(raw)).Content.ReadFromJsonAsync<JsonElement>();
        var other = await (await app.PostAsync(SampleMail.Personal(messageId: null, subject: "Altra domanda"))).Content.ReadFromJsonAsync<JsonElement>();

        again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        other.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        await app.ProcessedAsync();
        var rows = await app.RowsAsync();
        rows.Count.ShouldBe(2);
        rows[0].MessageId.ShouldBeNull();
        rows[0].DedupeKey.ShouldBe("sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw)));
        rows[0].DuplicatesSeen.ShouldBe(1);
        (await app.EventCountAsync("inbound_mail_received")).ShouldBe(2);
    }

    [Fact]
    public async Task unreadable_input_is_kept_in_quarantine_and_answered_422_without_being_queued()
    {
        await using var app = await InboundApp.StartAsync();

        var answer = await app.PostAsync(SampleMail.Garbage());

        answer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("inbound.unreadable");
        var row = (await app.RowsAsync()).ShouldHaveSingleItem();
        row.Status.ShouldBe("quarantined");
        row.QuarantineReason.ShouldNotBeNull().ShouldContain("unreadable");
        (await InboundRows.QueuedCountAsync(app.Schema)).ShouldBe(0);
        (await app.EventCountAsync("inbound_mail_quarantined")).ShouldBe(1);
    }

    [Fact]
    public async Task an_unreachable_database_is_answered_503_so_the_sender_tries_again()
    {
        await using var app = await InboundApp.StartAsync(connectionString: "Host=127.0.0.1;Port=1;Username=tunda;Password=x;Database=tunda;Timeout=3");

        var answer = await app.PostAsync(SampleMail.Personal());

        answer.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        answer.Headers.RetryAfter.ShouldNotBeNull();
        (await answer.Content.ReadAsStringAsync()).ShouldContain("inbound.unavailable");
    }

    [Fact]
    public async Task the_endpoint_is_in_the_openapi_document()
    {
        await using var app = await InboundApp.StartAsync();
        using var client = app.Client();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        document.ShouldContain(InboundMailApi.Route);
        document.ShouldContain(InboundMailApi.MediaType);
        document.ShouldContain("/api/staff/inbound/quarantine");
    }
}
