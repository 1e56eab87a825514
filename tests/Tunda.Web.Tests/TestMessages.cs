using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Platform.Commands;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Tracking;

namespace Tunda.Web.Tests;

/// <summary>Waiting for what the app does in the background, without sleeping a fixed time, and reading its message store.</summary>
internal static class TestMessages
{
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

    /// <summary>
    /// Like <see cref="TundaApp.TrackAsync"/>, for actions whose messages are meant to fail (a refusal,
    /// a retry): waits until each was handled, retried or dead-lettered, and leaves the verdict to the test.
    /// </summary>
    public static Task<ITrackedSession> TrackFailuresAsync(this TundaApp app, Func<ICommandSender, Task> action) =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => action(app.Bus)));

    /// <summary>
    /// Tracks <paramref name="action"/> until a message event matching <paramref name="until"/> is recorded
    /// (a retry scheduled, a message handled on another node), whatever else is still in flight.
    /// </summary>
    public static Task<ITrackedSession> TrackUntilAsync(this TundaApp app, Func<EnvelopeRecord, bool> until, Func<ICommandSender, Task> action, params TundaApp[] others) =>
        app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(90)).DoNotAssertOnExceptionsDetected()
            .AlsoTrack([.. others.Select(o => (Microsoft.Extensions.Hosting.IHost)o.Host)])
            .WaitForCondition(new Until(until))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => action(app.Bus)));

    /// <summary>Every dead letter of the app's message store, oldest first.</summary>
    public static async Task<IReadOnlyList<DeadLetterEnvelope>> DeadLettersAsync(this TundaApp app)
    {
        var results = await app.Get<IMessageStore>().DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = 1000 }, CancellationToken.None);
        return [.. results.Envelopes.OrderBy(l => l.SentAt)];
    }

    /// <summary>The envelopes of the durable inbox (waiting, scheduled or kept after handling), as the store holds them.</summary>
    public static Task<IReadOnlyList<Wolverine.Envelope>> InboxAsync(this TundaApp app) =>
        app.Get<IMessageStore>().Admin.AllIncomingAsync();

    private sealed class Until(Func<EnvelopeRecord, bool> condition) : ITrackedCondition
    {
        private volatile bool _met;

        public void Record(EnvelopeRecord record) => _met = _met || condition(record);

        public bool IsCompleted() => _met;
    }
}
