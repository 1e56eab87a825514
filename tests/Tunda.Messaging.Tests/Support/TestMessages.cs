namespace Tunda.Messaging.Tests.Support;

/// <summary>Handled by recording its label.</summary>
public sealed record Ping(string Label);

/// <summary>Handled by a handler that throws for the first few attempts.</summary>
public sealed record Flaky(string Label);

/// <summary>Handled by a handler that throws until the test repairs it.</summary>
public sealed record Broken(string Label);

/// <summary>A command whose handler publishes <see cref="Count"/> pings in its one transaction.</summary>
public sealed record FanOut(int Count);

internal static class TestMessages
{
    public static void RegisterPing(MessagingOptions options)
    {
        options.Messages.Register<Ping>("ping");
        options.Handlers.Handle<Ping>((message, context, cancellationToken) => HandledLog.RecordAsync(context, message.Label, cancellationToken));
    }

    public static void RegisterFanOut(MessagingOptions options) =>
        options.Handlers.Handle<FanOut>((command, context, cancellationToken) =>
        {
            for (var i = 0; i < command.Count; i++)
            {
                context.Publish(new Ping($"fan-{i}"));
            }

            return Task.CompletedTask;
        });
}
