namespace Tunda.EventStore;

/// <summary>A stream's row: its type, current version and whether it is archived.</summary>
public sealed record StreamInfo(Guid Id, string Type, long Version, bool IsArchived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
