using Microsoft.Extensions.Options;
using Npgsql;
using Tunda.Web.Configuration;
using Tunda.Web.Platform.Commands;
using Wolverine;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// <c>Tunda.Web mail pipe</c>: reads one message on stdin, as Postfix's pipe transport or a
/// <c>.forward</c> calls it, and stores it through <see cref="InboundMailIntake"/>, leaving the processing
/// to the app (which need not be running: the message waits in the queue). Exit codes are
/// sysexits.h, the language MTAs speak: 0 stored (also a duplicate), 65 input that is not a message
/// (kept in quarantine), 75 a transient failure (the MTA keeps the message and retries), 64 usage.
/// </summary>
public static class MailCommand
{
    public const int Ok = 0;
    public const int Usage = 64;
    public const int DataError = 65;
    public const int TempFail = 75;

    public const string UsageText = """
        usage: mail pipe [--source TEXT]   store the message read on stdin (for an MTA's pipe transport or .forward)
                         exit 0 stored, 65 not a message (kept in quarantine), 75 try again later
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Stream input, TextWriter error, Action<IConfigurationBuilder>? configure = null)
    {
        string? source = args switch
        {
            ["pipe"] => DefaultSource(),
            ["pipe", "--source", var text] => text,
            _ => null,
        };
        if (source is null)
        {
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        var builder = CommandHost.CreateBuilder(configure);
        try
        {
            builder.Services.AddTundaStore(builder.Configuration);
            builder.Services.AddTundaMessaging();
            builder.Services.AddTundaInbound(builder.Configuration);
            builder.Services.ConfigureWolverine(StoreOnly);
            await using var app = builder.Build();

            // Down now: the MTA keeps the message and tries again, rather than waiting here for the database.
            await using (await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
            {
            }

            // Wolverine runs inside the host; the startup creates the tables mail may arrive before.
            await app.StartAsync();
            try
            {
                await app.Services.GetRequiredService<InboundStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
                var limit = app.Services.GetRequiredService<IOptions<InboundOptions>>().Value.MaxMessageBytes;
                var message = await PipedMessage.ReadAsync(input, limit);
                return await StoreAsync(app.Services, message, source, error);
            }
            finally
            {
                // Gracefully: Wolverine leaves the node and releases what it holds.
                await app.StopAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong (database down, a setting missing), the MTA still holds the message.
            await error.WriteLineAsync($"mail pipe: {ex.GetType().Name}: {ex.Message} (exit {TempFail}: the MTA will retry)");
            return TempFail;
        }
    }

    /// <summary>
    /// The pipe only stores: the app's nodes process. This short-lived node takes no part in recovering
    /// or running other nodes' messages, scheduled ones included.
    /// </summary>
    private static void StoreOnly(WolverineOptions options)
    {
        options.Durability.ScheduledJobFirstExecution = TimeSpan.FromDays(1);
        options.Durability.FirstHealthCheckExecution = TimeSpan.FromDays(1);
    }

    private static async Task<int> StoreAsync(IServiceProvider services, PipedMessage message, string source, TextWriter error)
    {
        var intake = new InboundMailIntake(services.GetRequiredService<ICommandSender>()) { HandsOver = true };
        var receipt = message.Truncated
            ? await intake.QuarantineAsync(message.Bytes, InboundChannel.Pipe, source, $"too large: more than {message.Limit} bytes; only the first {message.Bytes.Length} kept", CancellationToken.None)
            : await intake.StoreAsync(message.Bytes, InboundChannel.Pipe, source, CancellationToken.None);

        var unreadable = message.Truncated ? "too large" : UnreadableMail.Reason(message.Bytes);
        if (unreadable is not null)
        {
            await error.WriteLineAsync($"mail pipe: {unreadable}; kept in quarantine as {receipt.Id}");
            return DataError;
        }

        return Ok;
    }

    /// <summary>Postfix's local delivery (a .forward) names the envelope in SENDER and RECIPIENT.</summary>
    private static string DefaultSource() =>
        (Environment.GetEnvironmentVariable("SENDER"), Environment.GetEnvironmentVariable("RECIPIENT")) switch
        {
            ({ Length: > 0 } sender, { Length: > 0 } recipient) => $"pipe from <{sender}> to <{recipient}>",
            (_, { Length: > 0 } recipient) => $"pipe to <{recipient}>",
            _ => "pipe",
        };
}
