using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tunda.EventStore;

/// <summary>
/// Maps event CLR types to the stable aliases stored in the database. A CLR type may be renamed or
/// moved freely; a stored alias never changes (map an old alias with <see cref="AlsoKnownAs"/>).
/// Payloads stored under an older schema version are upcast on read.
/// </summary>
public sealed partial class EventTypes
{
    private readonly ConcurrentDictionary<Type, Registration> _byType = new();
    private readonly ConcurrentDictionary<string, Registration> _byAlias = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Alias, int From), Func<JsonObject, JsonObject>> _upcasters = new();

    public EventTypes Register<T>(string alias, int schemaVersion = 1) => Register(typeof(T), alias, schemaVersion);

    public EventTypes Register(Type type, string alias, int schemaVersion = 1)
    {
        if (!AliasPattern().IsMatch(alias))
        {
            throw new ArgumentException($"Event alias '{alias}' must be lower-case letters, digits, '_' or '.', starting with a letter.", nameof(alias));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        var registration = new Registration(type, alias, schemaVersion);
        if (!_byAlias.TryAdd(alias, registration) && _byAlias[alias].Type != type)
        {
            throw new InvalidOperationException($"Event alias '{alias}' is already used by {_byAlias[alias].Type}.");
        }

        _byType[type] = registration;
        return this;
    }

    /// <summary>Reads events stored under <paramref name="oldAlias"/> as the type registered as <paramref name="alias"/>.</summary>
    public EventTypes AlsoKnownAs(string alias, string oldAlias)
    {
        var registration = _byAlias.TryGetValue(alias, out var found)
            ? found
            : throw new UnknownEventTypeException($"Alias '{alias}' is not registered.");
        _byAlias[oldAlias] = registration;
        return this;
    }

    /// <summary>Upgrades a payload of <paramref name="alias"/> from schema version <paramref name="fromVersion"/> to the next one.</summary>
    public EventTypes Upcast(string alias, int fromVersion, Func<JsonObject, JsonObject> upgrade)
    {
        _upcasters[(alias, fromVersion)] = upgrade;
        return this;
    }

    public bool IsRegistered(Type type) => _byType.ContainsKey(type);

    internal Registration For(Type type) =>
        _byType.TryGetValue(type, out var registration)
            ? registration
            : throw new UnknownEventTypeException($"Event type {type.FullName} has no registered alias.");

    internal object Deserialize(string alias, int schemaVersion, string json, JsonSerializerOptions options)
    {
        if (!_byAlias.TryGetValue(alias, out var registration))
        {
            using var document = JsonDocument.Parse(json);
            return new UnknownEvent(alias, document.RootElement.Clone());
        }

        if (schemaVersion == registration.SchemaVersion)
        {
            return JsonSerializer.Deserialize(json, registration.Type, options)
                ?? throw new JsonException($"Event '{alias}' has a null payload.");
        }

        var node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException($"Event '{alias}' has a null payload.");
        for (var version = schemaVersion; version < registration.SchemaVersion; version++)
        {
            var upgrade = _upcasters.TryGetValue((alias, version), out var found)
                ? found
                : throw new UnknownEventTypeException($"No upcaster for '{alias}' from schema version {version}.");
            node = upgrade(node);
        }

        return node.Deserialize(registration.Type, options) ?? throw new JsonException($"Event '{alias}' upcast to null.");
    }

    internal sealed record Registration(Type Type, string Alias, int SchemaVersion);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9_.]{0,99}$")]
    private static partial System.Text.RegularExpressions.Regex AliasPattern();
}
