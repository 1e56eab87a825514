using Tunda.EventStore;

namespace Tunda.Messaging.Queue;

/// <summary>
/// A message on its way into the queue. <see cref="Deduplicate"/> is set when the id came from
/// outside (a webhook id, an e-mail's Message-ID hash): such a message is enqueued at most once.
/// </summary>
internal sealed record Envelope(Guid Id, bool Deduplicate, object Message, EventMetadata Metadata, DateTimeOffset? DeliverAt)
{
    public static Envelope Create(object message, EventMetadata metadata, Guid? id = null, DateTimeOffset? deliverAt = null) =>
        new(id ?? Guid.CreateVersion7(), id is not null, message, metadata, deliverAt);
}
