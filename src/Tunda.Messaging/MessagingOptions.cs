using System.Text.Json;
using Tunda.Messaging.Handlers;

namespace Tunda.Messaging;

/// <summary>What the bus knows (message aliases, handlers, retry rules) and how its workers behave.</summary>
public sealed class MessagingOptions
{
    public MessageTypes Messages { get; } = new();

    public HandlerRegistry Handlers { get; } = new();

    public JsonSerializerOptions Json { get; set; } = new(JsonSerializerDefaults.Web);

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public RetryPolicy DefaultRetry { get; set; } = RetryPolicy.Default;

    private readonly Dictionary<Type, RetryPolicy> _retries = [];

    public MessagingOptions Retry<TMessage>(RetryPolicy policy)
    {
        _retries[typeof(TMessage)] = policy;
        return this;
    }

    public RetryPolicy RetryFor(Type messageType) => _retries.TryGetValue(messageType, out var policy) ? policy : DefaultRetry;

    /// <summary>Attempts for a command whose stream moved under it (no explicit expected version).</summary>
    public int MaxConflictAttempts { get; set; } = 10;

    /// <summary>Upper bound of the first jittered pause after a conflict; doubles each attempt.</summary>
    public TimeSpan ConflictBackoff { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Units of work running at once in this process (each may hold two pooled connections while it
    /// loads a stream): keep twice this below the data source's pool size.
    /// </summary>
    public int MaxConcurrentUnitsOfWork { get; set; } = 32;

    /// <summary>Rows a worker claims at once (it handles them one by one, each in its own transaction).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// Messages one node handles at once (each its own claim loop and unit of work). Raise it for
    /// handlers that wait on the network, such as mail sending.
    /// </summary>
    public int HandlersPerNode { get; set; } = 1;

    /// <summary>How often an idle worker looks for due messages without being woken.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A node silent for this long is taken for dead and its claimed rows are released.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
