using Tunda.EventStore;
using Tunda.EventStore.Schema;
using Tunda.Messaging.Handlers;
using Tunda.Messaging.Queue;
using Tunda.Messaging.Schema;
using Tunda.Messaging.Workers;
using Store = Tunda.EventStore.EventStore;

namespace Tunda.Messaging;

/// <summary>
/// The handler runtime on top of the event store: its tables live in the store's schema so a
/// handler's events and messages share one transaction.
/// </summary>
public sealed class MessageBus : IMessageBus, IAsyncDisposable
{
    private readonly HandlerInvoker _invoker;
    private readonly PostCommitNotifier _notifier;

    public MessageBus(Store store, MessagingOptions options)
    {
        Store = store;
        Options = options;
        Writer = new QueueWriter(store.Schema, options.Messages, options.Json);
        _invoker = new HandlerInvoker(this);
        DeadLetters = new DeadLetters(this);
        Queue = new QueueAdmin(this);
        // PostgreSQL channel names are identifiers (63 bytes at most); schema names are ASCII in practice.
        var channel = $"tunda_messages_{store.Schema}";
        NotifyChannel = channel.Length <= 63 ? channel : channel[..63];
        _notifier = new PostCommitNotifier(store.Options.ConnectionString, NotifyChannel, InstanceId, "tunda-queue-notifier");
    }

    public Store Store { get; }

    public MessagingOptions Options { get; }

    public string Schema => Store.Schema;

    public DeadLetters DeadLetters { get; }

    public QueueAdmin Queue { get; }

    internal QueueWriter Writer { get; }

    /// <summary>The PostgreSQL channel on which buses tell each other's workers that messages are waiting.</summary>
    internal string NotifyChannel { get; }

    /// <summary>Tells this bus's own notifications apart from other buses' (it wakes its workers in-process).</summary>
    internal string InstanceId { get; } = Guid.NewGuid().ToString("N");

    internal HandlerInvoker Invoker => _invoker;

    /// <summary>Raised after this bus committed messages, so its own workers look at once.</summary>
    internal event Action? Enqueued;

    /// <summary>Applies messaging's migrations (component "messaging") in the store's schema.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(Store.DataSource, Schema, MessagingMigrations.Component, MessagingMigrations.All, cancellationToken);

    /// <summary>A worker for this process; give each process (node) a distinct name.</summary>
    public MessageWorker CreateWorker(string? nodeName = null) => new(this, nodeName ?? Store.Options.NodeName);

    public async Task<InvokeResult> InvokeAsync(object command, EventMetadata? metadata = null, CancellationToken cancellationToken = default) =>
        (await _invoker.RunAsync(command, Guid.CreateVersion7(), metadata ?? EventMetadata.SystemDefault, null, cancellationToken))!;

    public Task<bool> PublishAsync(object message, Guid? id = null, EventMetadata? metadata = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(Envelope.Create(message, metadata ?? EventMetadata.SystemDefault, id), cancellationToken);

    public Task<bool> ScheduleAsync(object message, DateTimeOffset at, Guid? id = null, EventMetadata? metadata = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(Envelope.Create(message, metadata ?? EventMetadata.SystemDefault, id, at), cancellationToken);

    /// <summary>Wakes this bus's workers now and, through a coalesced NOTIFY, every other bus's.</summary>
    internal void SignalWorkers()
    {
        Enqueued?.Invoke();
        _notifier.Signal();
    }

    /// <summary>Sends a NOTIFY still pending; the store and its data source belong to the caller.</summary>
    public ValueTask DisposeAsync() => _notifier.DisposeAsync();

    private async Task<bool> EnqueueAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        await using var connection = await Store.DataSource.OpenConnectionAsync(cancellationToken);
        var written = await Writer.EnqueueAsync(connection, null, [envelope], cancellationToken);
        SignalWorkers();
        return written > 0;
    }
}
