using Marten;
using Npgsql;
using Wolverine;

namespace Tunda.Web.Platform.Commands;

/// <summary>
/// What a handler works with inside its unit of work (<see cref="UnitOfWork"/>): the Marten session
/// (events, documents), its connection and open transaction for the handler's own rows, the
/// metadata its events and messages carry, the clock read once, and messages sent only if the unit
/// of work is accepted.
/// </summary>
public sealed class CommandContext
{
    private readonly List<Func<IMessageContext, ValueTask>> _outgoing = [];

    internal CommandContext(IDocumentSession session, EventMetadata metadata, DateTimeOffset now, int attempt)
    {
        Session = session;
        Metadata = metadata;
        Now = now;
        Attempt = attempt;
    }

    /// <summary>Appends and document changes here commit with everything else the handler does.</summary>
    public IDocumentSession Session { get; }

    /// <summary>The schema of Tunda's tables (events, documents, security and intake rows).</summary>
    public string Schema => Session.DocumentStore.Options.DatabaseSchemaName;

    /// <summary>
    /// The session's connection, inside the unit of work's transaction: SQL run here (directly or by
    /// the security and intake stores) commits or rolls back with it.
    /// </summary>
    public NpgsqlConnection Connection
    {
        get
        {
            UsedConnection = true;
            return Session.Connection;
        }
    }

    /// <summary>Always null: Npgsql runs every command of a connection in its open transaction.</summary>
    public NpgsqlTransaction? Transaction => null;

    /// <summary>Carried by every event and message this handler produces (correlation, actor, client).</summary>
    public EventMetadata Metadata { get; private set; }

    /// <summary>The clock read once per attempt, so a decision sees one consistent moment.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>1 on the first try; higher when Wolverine retries after a concurrency conflict.</summary>
    public int Attempt { get; }

    /// <summary>Set when the caller named the version it expects: a stale version is then answered with a conflict.</summary>
    public bool UsesExplicitVersion { get; set; }

    /// <summary>The handler ran its own SQL: Marten must commit even if it has no work of its own.</summary>
    internal bool UsedConnection { get; private set; }

    public NpgsqlCommand Command(string sql) => new(sql, Connection);

    /// <summary>Changes the metadata of the events appended from now on (an e-mail names its own sender).</summary>
    public void UseMetadata(EventMetadata metadata)
    {
        Metadata = metadata;
        MetadataHeaders.ApplyTo(Session, metadata);
    }

    /// <summary>Sends a message through the outbox once this unit of work commits; never if it is refused.</summary>
    public void Publish(object message) => _outgoing.Add(bus => bus.PublishAsync(message, MetadataHeaders.ToDelivery(Metadata)));

    /// <summary>Like <see cref="Publish"/>, handled no earlier than <paramref name="at"/>.</summary>
    public void Schedule(object message, DateTimeOffset at) => _outgoing.Add(bus => bus.ScheduleAsync(message, at, MetadataHeaders.ToDelivery(Metadata)));

    internal async Task SendOutgoingAsync(IMessageContext bus)
    {
        foreach (var send in _outgoing)
        {
            await send(bus);
        }
    }
}
