using Tunda.EventStore;

namespace Tunda.Messaging;

/// <summary>Commands run now; messages go through the durable queue.</summary>
public interface IMessageBus
{
    /// <summary>Runs the command's handler now, in one unit of work committed once.</summary>
    Task<InvokeResult> InvokeAsync(object command, EventMetadata? metadata = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a message in a transaction of its own. With <paramref name="id"/> it is deduplicated:
    /// false means that id was already received.
    /// </summary>
    Task<bool> PublishAsync(object message, Guid? id = null, EventMetadata? metadata = null, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="PublishAsync"/>, handled no earlier than <paramref name="at"/>.</summary>
    Task<bool> ScheduleAsync(object message, DateTimeOffset at, Guid? id = null, EventMetadata? metadata = null, CancellationToken cancellationToken = default);
}
