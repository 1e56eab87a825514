using Tunda.Messaging;
using Tunda.Web.Configuration;

namespace Tunda.Web.Tests;

/// <summary>Handled by writing the name into the greetings table, in the handler's unit of work.</summary>
public sealed record Greet(string Name);

/// <summary>Handled by a handler that always throws, so it ends up a dead letter.</summary>
public sealed record SendToBrokenMailServer(string To);

internal static class TestMessages
{
    public const string BrokenMailServerError = "the mail server said no";

    /// <summary>Greet and SendToBrokenMailServer, the latter dead-lettered after its second failure.</summary>
    public static MessagingModule Module() => new(options =>
    {
        options.Messages.Register<Greet>("greet").Register<SendToBrokenMailServer>("send_to_broken_mail_server");
        options.Retry<SendToBrokenMailServer>(new RetryPolicy(2, [TimeSpan.FromMilliseconds(50)]));
        options.Handlers.Handle<Greet>(async (message, context, cancellationToken) =>
        {
            await using var command = context.Command($"INSERT INTO {context.Store.Schema}.greetings (name, message_id) VALUES ($1, $2)");
            command.Parameters.Add(new() { Value = message.Name });
            command.Parameters.Add(new() { Value = context.MessageId });
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
        options.Handlers.Handle<SendToBrokenMailServer>((_, _, _) => throw new InvalidOperationException($"{BrokenMailServerError}\nsecond line of the error"));
    });

    public static Task CreateGreetingsTableAsync(string schema) =>
        TestDatabase.ExecuteAsync($"CREATE TABLE {schema}.greetings (name text NOT NULL, message_id uuid NOT NULL)");

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after a generous timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
