using System.Collections.Concurrent;
using System.Text.Json;

namespace Tunda.Messaging;

/// <summary>
/// Stable aliases for message types that go through the durable queue. Rows outlive deployments,
/// so the stored name is an alias, never a CLR name.
/// </summary>
public sealed class MessageTypes
{
    private readonly ConcurrentDictionary<Type, string> _aliases = new();
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);

    public MessageTypes Register<T>(string alias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        if (!_types.TryAdd(alias, typeof(T)) && _types[alias] != typeof(T))
        {
            throw new InvalidOperationException($"Message alias '{alias}' is already used by {_types[alias]}.");
        }

        _aliases[typeof(T)] = alias;
        return this;
    }

    public string AliasOf(Type type) =>
        _aliases.TryGetValue(type, out var alias)
            ? alias
            : throw new InvalidOperationException($"Message type {type.FullName} has no registered alias; register it in MessagingOptions.Messages.");

    internal object Deserialize(string alias, string json, JsonSerializerOptions options)
    {
        var type = _types.TryGetValue(alias, out var found)
            ? found
            : throw new InvalidOperationException($"No message type is registered as '{alias}'.");
        return JsonSerializer.Deserialize(json, type, options) ?? throw new JsonException($"Message '{alias}' has a null body.");
    }
}
