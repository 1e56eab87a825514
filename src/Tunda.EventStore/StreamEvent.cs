namespace Tunda.EventStore;

/// <summary>An event as stored: its position, stream, alias, payload and context.</summary>
public sealed record StreamEvent(
    long Sequence,
    Guid Id,
    Guid StreamId,
    long Version,
    string Type,
    int SchemaVersion,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset Timestamp);

/// <summary>The payload of a stored event whose alias this process does not know.</summary>
public sealed record UnknownEvent(string Type, System.Text.Json.JsonElement Data);
