using System.Text.Json;
using Tunda.EventStore.Projections;

namespace Tunda.EventStore;

/// <summary>How to reach the store and what it knows about events and projections.</summary>
public sealed class EventStoreOptions
{
    public required string ConnectionString { get; init; }

    /// <summary>PostgreSQL schema holding the store's tables; tests give each class its own.</summary>
    public string Schema { get; init; } = "tunda";

    public EventTypes Events { get; } = new();

    public ProjectionRegistry Projections { get; } = new();

    public JsonSerializerOptions Json { get; init; } = new(JsonSerializerDefaults.Web);

    /// <summary>Identifies this process in projection_progress.owner.</summary>
    public string NodeName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
