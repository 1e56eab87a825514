using Tunda.EventStore;
using Tunda.EventStore.Projections;
using Tunda.Messaging.Queue;

namespace Tunda.Messaging.Subscriptions;

/// <summary>
/// "When events of type X are committed, send message Y": an async projection whose batch inserts
/// queue rows in the daemon's checkpoint transaction, so messages follow commit order and an event
/// is never skipped or sent twice. Register it with ProjectionLifecycle.Async; the messaging tables
/// must exist (MessageBus.MigrateAsync) before the daemon runs it.
/// </summary>
public sealed class EventSubscription : IProjection
{
    private readonly MessagingOptions _options;
    private readonly Func<StreamEvent, IEnumerable<object>> _toMessages;

    private EventSubscription(string name, MessagingOptions options, Func<StreamEvent, IEnumerable<object>> toMessages)
    {
        Name = name;
        _options = options;
        _toMessages = toMessages;
    }

    public string Name { get; }

    /// <summary>Sends what <paramref name="toMessage"/> returns for each committed <typeparamref name="TEvent"/> (null sends nothing).</summary>
    public static EventSubscription When<TEvent>(string name, MessagingOptions options, Func<TEvent, StreamEvent, object?> toMessage) =>
        new(name, options, e => e.Data is TEvent data && toMessage(data, e) is { } message ? [message] : []);

    public Task EnsureStorageAsync(ProjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        var envelopes = new List<Envelope>();
        foreach (var e in events)
        {
            var index = 0;
            foreach (var message in _toMessages(e))
            {
                envelopes.Add(new Envelope(MessageIdFor(e, index++), Deduplicate: true, message, MetadataFor(e), DeliverAt: null));
            }
        }

        var writer = new QueueWriter(context.Schema, _options.Messages, _options.Json);
        await writer.EnqueueAsync(context.Connection, context.Transaction, envelopes, cancellationToken);
    }

    /// <summary>
    /// Nothing to reset: the inbox remembers what was sent, so a rebuild that replays old events
    /// does not send their notifications again.
    /// </summary>
    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The message inherits the event's correlation and actor; the event is its cause.</summary>
    private static EventMetadata MetadataFor(StreamEvent e) => e.Metadata with
    {
        CorrelationId = e.Metadata.CorrelationId ?? e.Id,
        CausationId = e.Id,
    };

    /// <summary>Derived from subscription, event and position, so the same delivery always has the same id.</summary>
    private Guid MessageIdFor(StreamEvent e, int index)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes($"{Name}:{e.Id:N}:{index}");
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(bytes, hash);
        return new Guid(hash[..16]);
    }
}
