using Marten;
using Tunda.Domain.Logins;
using Tunda.Web.Features.Email;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Security;
using Wolverine;

namespace Tunda.Web.Features.Accounts.Profile;

/// <summary>The lost-mailbox form, sent in the visitor's language; the value is the reference to quote.</summary>
public sealed record AskUsernameRecovery(RequestUsernameRecovery Request, string Language);

/// <summary>
/// Records the request (a username_recovery stream, and a ticket in Amministrazione held until staff
/// verify who asks) and mails a receipt with the reference to the reachable address only.
/// </summary>
public static class UsernameRecoveryHandler
{
    public static string ReferenceOf(Guid requestId) => "UR-" + requestId.ToString("N")[..8].ToUpperInvariant();

    /// <summary>One stream per request, started here: the decider refuses a request id seen before.</summary>
    public static Task<InvokeResult> Handle(AskUsernameRecovery command, IDocumentSession session, IMessageContext bus, UnitOfWork work, HelpdeskOptions options, CancellationToken ct) =>
        work.RunAsync(session, bus, async context =>
        {
            var exists = await session.Events.FetchStreamStateAsync(command.Request.RequestId, ct) is not null;
            var decision = UsernameRecoveryDecider.Decide(exists, command.Request, context.Now);
            if (!decision.IsAccepted)
            {
                return decision;
            }

            session.Events.StartStream(command.Request.RequestId, [.. decision.Events]);
            // The request is kept for staff whatever happens; the receipt goes out within the per-address limit.
            foreach (var e in decision.Events.OfType<UsernameRecoveryRequested>())
            {
                await RecoveryTickets.OpenAsync(context, e, ReferenceOf(e.RequestId), options, ct);
                if (!await AddressMailLimit.TryTakeAsync(context, "username-recovery-received", e.ContactEmail, ct))
                {
                    continue;
                }

                context.Publish(new SendEmail(Guid.NewGuid(), "username-recovery-received", command.Language, e.ContactEmail, e.Name, new Dictionary<string, string>
                {
                    ["name"] = e.Name,
                    ["reference"] = ReferenceOf(e.RequestId),
                }));
            }

            return (object?)new Appended(command.Request.RequestId, decision.Events.Count, decision.Events);
        }, ct);
}
