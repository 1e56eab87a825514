using System.Text.Json;
using Tunda.Messaging.Handlers;

namespace Tunda.Messaging;

/// <summary>What the bus knows (message aliases, handlers, retry rules) and how its workers behave.</summary>
public sealed class MessagingOptions
{
    public MessageTypes Messages { get; } = new();

    public HandlerRegistry Handlers { get; } = new();

    public JsonSerializerOptions Json { get; init; } = new(JsonSerializerDefaults.Web);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public RetryPolicy DefaultRetry { get; set; } = RetryPolicy.Default;

    private readonly Dictionary<Type, RetryPolicy> _retries = [];

    public MessagingOptions Retry<TMessage>(RetryPolicy policy)
    {
        _retries[typeof(TMessage)] = policy;
        return this;
    }

    public RetryPolicy RetryFor(Type messageType) => _retries.TryGetValue(messageType, out var policy) ? policy : DefaultRetry;

    /// <summary>Attempts for a command whose stream moved under it (no explicit expected version).</summary>
    public int MaxConflictAttempts { get; init; } = 10;

    /// <summary>Upper bound of the first jittered pause after a conflict; doubles each attempt.</summary>
    public TimeSpan ConflictBackoff { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Units of work running at once in this process (each may hold two pooled connections while it
    /// loads a stream): keep twice this below the data source's pool size.
    /// </summary>
    public int MaxConcurrentUnitsOfWork { get; init; } = 32;

    /// <summary>Rows a worker claims at once (it handles them one by one, each in its own transaction).</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>How often an idle worker looks for due messages without being woken.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A node silent for this long is taken for dead and its claimed rows are released.</summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
