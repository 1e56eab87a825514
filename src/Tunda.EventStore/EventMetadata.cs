using System.Text.Json.Serialization;

namespace Tunda.EventStore;

/// <summary>Who caused an event.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActorKind>))]
public enum ActorKind
{
    System,
    Customer,
    Contact,
    Staff,
    EmailSender,
}

public sealed record Actor(string Id, ActorKind Kind)
{
    public static Actor System { get; } = new("system", ActorKind.System);
}

/// <summary>Context stored beside every event; the timestamp comes from the database server.</summary>
public sealed record EventMetadata
{
    public Guid? CorrelationId { get; init; }

    public Guid? CausationId { get; init; }

    public Actor Actor { get; init; } = Actor.System;

    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }

    public static EventMetadata SystemDefault { get; } = new();
}
