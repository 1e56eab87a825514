using Npgsql;
using Tunda.EventStore;
using Tunda.Messaging.Queue;

namespace Tunda.Messaging;

/// <summary>
/// One connection, one transaction: the handler's events (with inline projections), its own SQL and
/// the messages it sends all commit together in <see cref="CommitAsync"/>, or not at all.
/// </summary>
internal sealed class UnitOfWork : IAsyncDisposable
{
    private readonly MessageBus _bus;
    private readonly List<Envelope> _outbox = [];

    private UnitOfWork(MessageBus bus, NpgsqlConnection connection, NpgsqlTransaction transaction, EventMetadata metadata)
    {
        _bus = bus;
        Connection = connection;
        Transaction = transaction;
        Session = bus.Store.OpenSession(transaction, metadata);
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public EventSession Session { get; }

    public static async Task<UnitOfWork> BeginAsync(MessageBus bus, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var connection = await bus.Store.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new UnitOfWork(bus, connection, transaction, metadata);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Send(Envelope envelope)
    {
        // Fail where the message is sent, not later at commit, when it has no alias to be stored under.
        _bus.Options.Messages.AliasOf(envelope.Message.GetType());
        _outbox.Add(envelope);
    }

    /// <summary>Appends, enqueues, commits; returns the highest event sequence written (0 if none).</summary>
    public async Task<long> CommitAsync(CancellationToken cancellationToken)
    {
        var appended = await Session.SaveChangesAsync(cancellationToken);
        await _bus.Writer.EnqueueAsync(Connection, Transaction, _outbox, cancellationToken);
        await Transaction.CommitAsync(cancellationToken);

        // Only after the commit: a daemon or worker woken earlier would find nothing yet.
        if (appended.LastSequence > 0)
        {
            _bus.Store.NotifyCommitted(appended.LastSequence);
        }

        if (_outbox.Count > 0)
        {
            _bus.SignalWorkers();
        }

        return appended.LastSequence;
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing an uncommitted transaction rolls it back: an exception anywhere sends nothing.
        await Session.DisposeAsync();
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
