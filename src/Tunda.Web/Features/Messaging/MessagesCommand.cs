using System.Globalization;
using Npgsql;
using Tunda.Messaging;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Messaging;

/// <summary>
/// <c>Tunda.Web messages dead-letters | replay &lt;id&gt;</c>: staff tooling on the same configuration
/// and services as the web app, without starting it (no worker, no daemon, no migration: a
/// read-and-replay tool must not change the schema under a running deployment).
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
        Func<MessageBus, Task<int>>? verb = args switch
        {
            ["dead-letters"] => bus => ListAsync(bus, output),
            ["replay", var text] when Guid.TryParse(text, out var id) => bus => ReplayAsync(bus, id, output, error),
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
            builder.Services.AddTundaEventStore(builder.Configuration);
            builder.Services.AddTundaMessaging(builder.Configuration);
            await using var app = builder.Build();
            return await verb(app.Services.GetRequiredService<MessageBus>());
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await error.WriteLineAsync($"No messaging tables in schema '{builder.Configuration["Tunda:Schema"] ?? "tunda"}': start the app once (./tunda run) to create them.");
            return Failed;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            await error.WriteLineAsync($"messages: {ex.Message}");
            return Failed;
        }
    }

    private static async Task<int> ListAsync(MessageBus bus, TextWriter output)
    {
        const int limit = 100;
        var letters = await bus.DeadLetters.ListAsync(limit: limit);
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

    private static async Task<int> ReplayAsync(MessageBus bus, Guid id, TextWriter output, TextWriter error)
    {
        if (!await bus.DeadLetters.ReplayAsync(id))
        {
            await error.WriteLineAsync($"No dead letter with id {id} (already replayed, or a typo?). `messages dead-letters` lists them.");
            return Failed;
        }

        await output.WriteLineAsync($"Replayed {id}: it is back on the queue with fresh attempts.");
        return Ok;
    }
}
