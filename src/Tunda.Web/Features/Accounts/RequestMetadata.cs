using Tunda.Domain.Customers;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Features.Accounts;

/// <summary>
/// What every command sent from a page or the API carries into its events: who acted (staff member,
/// contact, main account, or nobody signed in yet), the client's IP and user agent.
/// </summary>
public static class RequestMetadata
{
    public static EventMetadata For(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new EventMetadata
        {
            CorrelationId = Guid.NewGuid(),
            Actor = ActorOf(http),
            ClientIp = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 512)] : null,
        };
    }

    /// <summary>The acting principal of a signed-in customer session, as the deciders check it.</summary>
    public static AccountActor AccountActorOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.GetContactId() is { } contact
            ? AccountActor.Contact(contact, http.User.GetPermissions())
            : AccountActor.MainAccount;
    }

    private static Actor ActorOf(HttpContext http)
    {
        var user = http.User;
        if (user.GetStaffId() is { } staff)
        {
            return new Actor(staff.ToString(), ActorKind.Staff);
        }

        if (user.GetContactId() is { } contact)
        {
            return new Actor(contact.ToString(), ActorKind.Contact);
        }

        return user.GetCustomerId() is { } customer
            ? new Actor(customer.ToString(), ActorKind.Customer)
            : new Actor(user.GetLoginId()?.ToString() ?? "anonymous", ActorKind.System);
    }
}
