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
public sealed class MessageBus : IMessageBus
{
    private readonly HandlerInvoker _invoker;

    public MessageBus(Store store, MessagingOptions options)
    {
        Store = store;
        Options = options;
        Writer = new QueueWriter(store.Schema, options.Messages, options.Json);
        _invoker = new HandlerInvoker(this);
        DeadLetters = new DeadLetters(this);
        Queue = new QueueAdmin(this);
    }

    public Store Store { get; }

    public MessagingOptions Options { get; }

    public string Schema => Store.Schema;

    public DeadLetters DeadLetters { get; }

    public QueueAdmin Queue { get; }

    internal QueueWriter Writer { get; }

    internal HandlerInvoker Invoker => _invoker;

    /// <summary>Raised in this process after messages were committed, so local workers look at once.</summary>
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

    internal void SignalWorkers() => Enqueued?.Invoke();

    private async Task<bool> EnqueueAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        await using var connection = await Store.DataSource.OpenConnectionAsync(cancellationToken);
        var written = await Writer.EnqueueAsync(connection, null, [envelope], cancellationToken);
        SignalWorkers();
        return written > 0;
    }
}
