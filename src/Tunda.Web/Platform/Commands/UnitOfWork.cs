using JasperFx;
using Marten;
using Tunda.Domain;
using Wolverine;

namespace Tunda.Web.Platform.Commands;

/// <summary>Thrown by a queued message's handler that was refused: the message goes to the dead letters.</summary>
public sealed class MessageRefusedException(IReadOnlyList<DomainError> errors)
    : Exception("Refused: " + string.Join("; ", errors.Select(e => $"{e.Code} {e.Message}")))
{
    public IReadOnlyList<DomainError> Errors { get; } = errors;
}

/// <summary>
/// The one way a Tunda handler runs: Wolverine opens the Marten session and commits it after the
/// handler (AutoApplyTransactions, outbox included); this opens its transaction first, so the
/// handler's own SQL shares it, gives the handler a <see cref="CommandContext"/>, and turns what
/// the handler returned into an <see cref="InvokeResult"/>. A refusal (a DomainError or a rejected
/// Decision) discards every pending change and message, so nothing commits.
/// </summary>
public sealed class UnitOfWork(TimeProvider clock)
{
    /// <summary>For commands invoked by a page, the API or a verb: the result goes back to the caller.</summary>
    public async Task<InvokeResult> RunAsync(IDocumentSession session, IMessageContext bus, Func<CommandContext, Task<object?>> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(handler);
        await session.BeginTransactionAsync(cancellationToken);
        var metadata = MetadataHeaders.FromEnvelope(bus.Envelope);
        MetadataHeaders.ApplyTo(session, metadata);
        var context = new CommandContext(session, metadata, clock.GetUtcNow(), bus.Envelope?.Attempts ?? 1);
        object? value;
        try
        {
            value = await handler(context);
        }
        catch (ConcurrencyException conflict) when (context.UsesExplicitVersion)
        {
            session.EjectAllPendingChanges();
            return InvokeResult.Conflict(conflict.Message);
        }

        var errors = value switch
        {
            DomainError error => [error],
            Decision { IsAccepted: false } refused => refused.Errors,
            _ => null,
        };
        if (errors is not null)
        {
            // Nothing pending: Marten then commits nothing, and disposing the session rolls back the handler's own SQL.
            session.EjectAllPendingChanges();
            return InvokeResult.Rejected(errors);
        }

        await context.SendOutgoingAsync(bus);
        if (context.UsedConnection)
        {
            // Marten commits only when it has work of its own: rows written by the handler alone still need the commit.
            // The statement must return no rows: Marten reads its batch's result sets in order.
            session.QueueSqlCommand("DO $$ BEGIN END $$");
        }

        return InvokeResult.Success(value);
    }

    /// <summary>For queued messages: a refusal throws <see cref="MessageRefusedException"/>, so the message becomes a dead letter.</summary>
    public async Task HandleAsync(IDocumentSession session, IMessageContext bus, Func<CommandContext, Task<object?>> handler, CancellationToken cancellationToken)
    {
        var result = await RunAsync(session, bus, handler, cancellationToken);
        if (result.Status != InvokeStatus.Succeeded)
        {
            throw new MessageRefusedException(result.Errors);
        }
    }
}
