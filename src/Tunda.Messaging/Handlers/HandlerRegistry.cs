namespace Tunda.Messaging.Handlers;

/// <summary>Runs one message inside its unit of work; a returned <see cref="Tunda.Domain.DomainError"/> rolls it back.</summary>
public delegate Task<object?> MessageHandler(object message, MessageContext context, CancellationToken cancellationToken);

/// <summary>
/// Every handler, registered by explicit code in one place (one per message type): no assembly
/// scanning, so "who handles X" is a search for X.
/// </summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<Type, MessageHandler> _handlers = [];

    /// <summary>A handler with nothing to return.</summary>
    public HandlerRegistry Handle<TMessage>(Func<TMessage, MessageContext, CancellationToken, Task> handler) =>
        Add(typeof(TMessage), async (message, context, cancellationToken) =>
        {
            await handler((TMessage)message, context, cancellationToken);
            return null;
        });

    /// <summary>A handler returning a value (or a DomainError or rejected Decision, which roll the unit of work back).</summary>
    public HandlerRegistry Handle<TMessage, TResult>(Func<TMessage, MessageContext, CancellationToken, Task<TResult>> handler) =>
        Add(typeof(TMessage), async (message, context, cancellationToken) => await handler((TMessage)message, context, cancellationToken));

    /// <summary>Load a stream, decide, append: see <see cref="AggregateHandler{TCommand, TState}"/>.</summary>
    public HandlerRegistry Aggregate<TCommand, TState>(AggregateHandler<TCommand, TState> handler)
        where TCommand : notnull =>
        Add(typeof(TCommand), (message, context, cancellationToken) => handler.HandleAsync((TCommand)message, context, cancellationToken));

    public bool Handles(Type messageType) => _handlers.ContainsKey(messageType);

    internal MessageHandler For(Type messageType) =>
        _handlers.TryGetValue(messageType, out var handler)
            ? handler
            : throw new InvalidOperationException($"No handler is registered for {messageType.FullName}.");

    private HandlerRegistry Add(Type messageType, MessageHandler handler)
    {
        if (!_handlers.TryAdd(messageType, handler))
        {
            throw new InvalidOperationException($"{messageType.FullName} already has a handler.");
        }

        return this;
    }
}
