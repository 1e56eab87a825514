using Npgsql;
using Tunda.EventStore;
using Tunda.Messaging.Queue;
using Store = Tunda.EventStore.EventStore;

namespace Tunda.Messaging;

/// <summary>
/// What a handler works with: the unit of work's event session and transaction, the metadata its
/// events and messages carry, the clock, and a way to send messages that commit with everything else.
/// </summary>
public sealed class MessageContext
{
    private readonly UnitOfWork _work;

    internal MessageContext(UnitOfWork work, Store store, Guid messageId, EventMetadata metadata, DateTimeOffset now, int attempt)
    {
        _work = work;
        Store = store;
        MessageId = messageId;
        Metadata = metadata;
        Now = now;
        Attempt = attempt;
    }

    public Store Store { get; }

    /// <summary>Appends here commit with the handler's other work.</summary>
    public EventSession Session => _work.Session;

    /// <summary>For the handler's own rows (reservations, counters) in the same transaction.</summary>
    public NpgsqlConnection Connection => _work.Connection;

    public NpgsqlTransaction Transaction => _work.Transaction;

    /// <summary>The id of the command or message being handled: the causation id of what it produces.</summary>
    public Guid MessageId { get; }

    /// <summary>Carried by every event and message this handler produces (correlation, causation, actor).</summary>
    public EventMetadata Metadata { get; }

    /// <summary>The clock read once per attempt, so a decision sees one consistent moment.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>1 on the first try; higher when the unit of work is retried after a concurrency conflict.</summary>
    public int Attempt { get; }

    /// <summary>
    /// Set when the caller named the version it expects: a conflict is then returned to it, not retried.
    /// </summary>
    public bool UsesExplicitVersion { get; set; }

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>Sends a message once this unit of work commits. Give <paramref name="id"/> to deduplicate.</summary>
    public void Publish(object message, Guid? id = null) => _work.Send(Envelope.Create(message, Metadata, id));

    /// <summary>Sends a message to be handled no earlier than <paramref name="at"/>, once this unit of work commits.</summary>
    public void Schedule(object message, DateTimeOffset at, Guid? id = null) => _work.Send(Envelope.Create(message, Metadata, id, at));
}
