using System.Globalization;
using Npgsql;
using Tunda.Web.Configuration;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace Tunda.Web.Features.Messaging;

/// <summary>
/// <c>Tunda.Web messages dead-letters | replay &lt;id&gt;</c>: staff tooling over Wolverine's dead-letter
/// storage, on the same configuration as the web app, without starting it (no listener, no daemon,
/// no migration: a read-and-replay tool must not change the schema under a running deployment).
/// A replayed message is moved back to the durable inbox by a running node.
/// Exit codes: 0 done, 1 failed (unknown id, database unreachable), 2 usage.
/// </summary>
public static class MessagesCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public const string UsageText = """
        usage: messages dead-letters       list dead letters, newest first
               messages replay <id>        put a dead letter back on the queue
        """;

    /// <summary>Runs one verb. <paramref name="configure"/> lets tests point it at their schema.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure = null)
    {
        Func<IMessageStore, Task<int>>? verb = args switch
        {
            ["dead-letters"] => store => ListAsync(store, output),
            ["replay", var text] when Guid.TryParse(text, out var id) => store => ReplayAsync(store, id, output, error),
            _ => null,
        };
        if (verb is null)
        {
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        var builder = CommandHost.CreateBuilder(configure);
        try
        {
            builder.Services.AddTundaStore(builder.Configuration);
            builder.Services.AddTundaMessaging();
            await using var app = builder.Build();
            return await verb(app.Services.GetRequiredService<IMessageStore>());
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await error.WriteLineAsync($"No message tables in schema '{builder.Configuration["Tunda:Schema"] ?? "tunda"}': start the app once (./tunda run) to create them.");
            return Failed;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            await error.WriteLineAsync($"messages: {ex.Message}");
            return Failed;
        }
    }

    private static async Task<int> ListAsync(IMessageStore store, TextWriter output)
    {
        const int limit = 100;
        var results = await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = limit, Replayable = false }, CancellationToken.None);
        var letters = results.Envelopes.OrderByDescending(l => l.SentAt).ToList();
        if (letters.Count == 0)
        {
            await output.WriteLineAsync("No dead letters.");
            return Ok;
        }

        await output.WriteLineAsync(DeadLetterTable.Format(letters));
        if (letters.Count == limit)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"(the newest {limit} only)"));
        }

        return Ok;
    }

    private static async Task<int> ReplayAsync(IMessageStore store, Guid id, TextWriter output, TextWriter error)
    {
        var found = await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery([id]) { Replayable = false }, CancellationToken.None);
        if (found.Envelopes.Count == 0)
        {
            await error.WriteLineAsync($"No dead letter with id {id} (already replayed, or a typo?). `messages dead-letters` lists them.");
            return Failed;
        }

        await store.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), CancellationToken.None);
        await output.WriteLineAsync($"Replayed {id}: it goes back on the queue with fresh attempts.");
        return Ok;
    }
}
