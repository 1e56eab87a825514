using System.Globalization;
using Npgsql;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Messaging;

/// <summary>
/// <c>Tunda.Web messages dead-letters | replay &lt;id&gt; | discard &lt;id&gt;</c>: the staff page's
/// <see cref="DeadLetterOffice"/> from a terminal, on the same configuration as the web app, without
/// starting it (no listener, no daemon, no migration: a read-and-replay tool must not change the schema
/// under a running deployment). A replayed message is moved back to the durable inbox by a running node.
/// Exit codes: 0 done, 1 failed (unknown id, database unreachable), 2 usage.
/// </summary>
public static class MessagesCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public const string UsageText = """
        usage: messages dead-letters       list dead letters, newest failure first
               messages replay <id>        put a dead letter back on the queue
               messages discard <id>       delete a dead letter for good
        """;

    /// <summary>Runs one verb. <paramref name="configure"/> lets tests point it at their schema.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure = null)
    {
        Func<DeadLetterOffice, Task<int>>? verb = args switch
        {
            ["dead-letters"] => office => ListAsync(office, output),
            ["replay", var text] when Guid.TryParse(text, out var id) => office => ActAsync(office.ReplayAsync, id, "Replayed {0}: it goes back on the queue with fresh attempts.", output, error),
            ["discard", var text] when Guid.TryParse(text, out var id) => office => ActAsync(office.DiscardAsync, id, "Discarded {0}: it will never be handled.", output, error),
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
            return await verb(app.Services.GetRequiredService<DeadLetterOffice>());
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

    private static async Task<int> ListAsync(DeadLetterOffice office, TextWriter output)
    {
        var page = await office.PageAsync(1, DeadLetterOffice.MaxPageSize, CancellationToken.None);
        if (page.Letters.Count == 0)
        {
            await output.WriteLineAsync("No dead letters.");
            return Ok;
        }

        await output.WriteLineAsync(DeadLetterTable.Format(page.Letters));
        if (page.Total > page.Letters.Count)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"(the newest {page.Letters.Count} of {page.Total})"));
        }

        return Ok;
    }

    private static async Task<int> ActAsync(Func<Guid, string, CancellationToken, Task<DeadLetter?>> act, Guid id, string done, TextWriter output, TextWriter error)
    {
        if (await act(id, Actor, CancellationToken.None) is null)
        {
            await error.WriteLineAsync($"No dead letter with id {id} (already replayed or discarded, or a typo?). `messages dead-letters` lists them.");
            return Failed;
        }

        await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, done, id));
        return Ok;
    }

    /// <summary>Who acted, for the log: the operating-system account that ran the command.</summary>
    private static string Actor => $"command line ({Environment.UserName})";
}
