using Tunda.Domain.Logins;
using Tunda.Messaging;
using Tunda.Messaging.Handlers;
using Tunda.Web.Features.Email;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>The lost-mailbox form, sent in the visitor's language; the value is the reference to quote.</summary>
public sealed record AskUsernameRecovery(RequestUsernameRecovery Request, string Language);

/// <summary>
/// Records the request (a username_recovery stream; administration verifies it, so it stays
/// unverified until then) and mails a receipt with the reference to the reachable address only.
/// </summary>
public static class UsernameRecoveryHandler
{
    public static string ReferenceOf(Guid requestId) => "UR-" + requestId.ToString("N")[..8].ToUpperInvariant();

    internal static AggregateHandler<AskUsernameRecovery, bool> Create() => new()
    {
        StreamType = UsernameRecoveryDecider.StreamType,
        StreamId = c => c.Request.RequestId,
        Initial = _ => false,
        Evolve = (_, _) => true,
        Decide = (exists, c, now) => UsernameRecoveryDecider.Decide(exists, c.Request, now),
        Messages = (c, events) => events.OfType<UsernameRecoveryRequested>().Select(e => new SendEmail(
            Guid.NewGuid(), "username-recovery-received", c.Language, e.ContactEmail, e.Name, new Dictionary<string, string>
            {
                ["name"] = e.Name,
                ["reference"] = ReferenceOf(e.RequestId),
            })),
    };
}
