using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>
/// The whole app on the test PostgreSQL (own schema) with the HTTP intake's token set, a client that
/// posts raw messages, and reads of what the intake stored and recorded.
/// </summary>
internal sealed class InboundApp : IAsyncDisposable
{
    public const string Token = "prova-token-di-ingresso-2026";
    public const long MaxMessageBytes = 200_000;

    private readonly TundaApp _app;

    private InboundApp(TundaApp app)
    {
        _app = app;
    }

    public string Schema => _app.Schema;

    public IServiceProvider Services => _app.Services;

    public TundaApp App => _app;

    /// <param name="connectionString">Another database than the test one (e.g. an unreachable one); the app then does not wait for its tables.</param>
    public static async Task<InboundApp> StartAsync(string? token = Token, string? connectionString = null)
    {
        var app = await TundaApp.StartAsync(builder =>
        {
            builder.UseSetting("Tunda:Inbound:HttpToken", token ?? "");
            builder.UseSetting("Tunda:Inbound:MaxMessageBytes", MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Tunda:Inbound:TrustedAuthServId", "mx.tunda.test");
        }, connectionString);
        if (connectionString is null)
        {
            await app.Get<InboundStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        }

        return new InboundApp(app);
    }

    public HttpClient Client() => _app.CreateClient();

    public async Task<HttpResponseMessage> PostAsync(byte[] raw, string? token = Token, string mediaType = InboundMailApi.MediaType)
    {
        using var client = Client();
        using var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, InboundMailApi.Route) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    public Task<List<StoredRow>> RowsAsync() => InboundRows.ReadAsync(Schema);

    /// <summary>Waits until no stored message is still queued (the worker processed them all).</summary>
    public Task ProcessedAsync() => TestMessages.EventuallyAsync(
        async () => (await RowsAsync()).All(r => r.Status != "queued"), "every stored message is processed");

    public Task<long> EventCountAsync(string type) =>
        TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {Schema}.mt_events WHERE type = '{type}'");

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
    }
}

internal sealed record StoredRow(Guid Id, string Channel, string Source, string? MessageId, string DedupeKey, byte[] Raw, string Status, string? QuarantineReason, string? Subject, string? From, int DuplicatesSeen);

internal static class InboundRows
{
    public static async Task<List<StoredRow>> ReadAsync(string schema)
    {
        await using var command = TestDatabase.DataSource.CreateCommand(
            $"SELECT id, channel, source, message_id, dedupe_key, raw, status, quarantine_reason, subject, from_address, duplicates_seen FROM {schema}.inbound_mail ORDER BY received_at, id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), reader.GetString(4), reader.GetFieldValue<byte[]>(5),
                reader.GetString(6), Text(reader, 7), Text(reader, 8), Text(reader, 9), reader.GetInt32(10)));
        }

        return rows;
    }

    /// <summary>Processing messages in Wolverine's durable inbox not yet handled (waiting, scheduled or being retried).</summary>
    public static Task<long> QueuedCountAsync(string schema) =>
        TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {schema}.wolverine_incoming_envelopes WHERE message_type = '{ProcessInboundMail.Alias}' AND status <> 'Handled'");

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
