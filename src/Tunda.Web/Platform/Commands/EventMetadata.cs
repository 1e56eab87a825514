using System.Text.Json.Serialization;

namespace Tunda.Web.Platform.Commands;

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

/// <summary>
/// What a command carries into its events and the messages it causes: correlation, the actor, the
/// client's IP and user agent. Travels as Wolverine envelope headers (<see cref="MetadataHeaders"/>)
/// and is stored as Marten event headers.
/// </summary>
public sealed record EventMetadata
{
    public Guid? CorrelationId { get; init; }

    public Guid? CausationId { get; init; }

    public Actor Actor { get; init; } = Actor.System;

    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }

    public static EventMetadata SystemDefault { get; } = new();
}
