using Marten;
using Wolverine;

namespace Tunda.Web.Platform.Commands;

/// <summary>
/// The envelope headers that carry <see cref="EventMetadata"/> from a request to its command, from
/// a command to the messages it sends, and into the Marten headers of every event appended.
/// </summary>
public static class MetadataHeaders
{
    public const string ActorId = "tunda-actor-id";
    public const string ActorKind = "tunda-actor-kind";
    public const string ClientIp = "tunda-client-ip";
    public const string UserAgent = "tunda-user-agent";

    /// <summary>Wolverine copies these from a message being handled to every message it sends.</summary>
    public static string[] Propagated { get; } = [ActorId, ActorKind, ClientIp, UserAgent];

    public static DeliveryOptions ToDelivery(EventMetadata metadata)
    {
        var options = new DeliveryOptions();
        options.Headers[ActorId] = metadata.Actor.Id;
        options.Headers[ActorKind] = metadata.Actor.Kind.ToString();
        if (metadata.ClientIp is { } ip)
        {
            options.Headers[ClientIp] = ip;
        }

        if (metadata.UserAgent is { } agent)
        {
            options.Headers[UserAgent] = agent;
        }

        return options;
    }

    /// <summary>The metadata of the message being handled (system when it carries none).</summary>
    public static EventMetadata FromEnvelope(Envelope? envelope)
    {
        if (envelope is null)
        {
            return EventMetadata.SystemDefault;
        }

        var headers = envelope.Headers;
        var actor = headers.TryGetValue(ActorId, out var id) && id is not null
            && headers.TryGetValue(ActorKind, out var kind) && Enum.TryParse<ActorKind>(kind, out var parsed)
            ? new Actor(id, parsed)
            : Actor.System;
        return new EventMetadata
        {
            CorrelationId = Guid.TryParse(envelope.CorrelationId, out var correlation) ? correlation : null,
            CausationId = envelope.Id,
            Actor = actor,
            ClientIp = headers.TryGetValue(ClientIp, out var ip) ? ip : null,
            UserAgent = headers.TryGetValue(UserAgent, out var agent) ? agent : null,
        };
    }

    /// <summary>Stores the actor, IP and user agent as Marten headers of every event this session appends.</summary>
    public static void ApplyTo(IDocumentSession session, EventMetadata metadata)
    {
        session.SetHeader("actorId", metadata.Actor.Id);
        session.SetHeader("actorKind", metadata.Actor.Kind.ToString());
        if (metadata.ClientIp is { } ip)
        {
            session.SetHeader("clientIp", ip);
        }

        if (metadata.UserAgent is { } agent)
        {
            session.SetHeader("userAgent", agent);
        }
    }
}
