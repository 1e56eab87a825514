using System.Security.Claims;
using Marten;
using Tunda.Domain.Tickets;
using Tunda.Projections.Tickets;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Features.Tickets;

/// <summary>The one way pages and the API find a customer's ticket: by number, only within the signed-in customer.</summary>
public static class CustomerTickets
{
    public static async Task<TicketThread?> FindAsync(IQuerySession session, ClaimsPrincipal user, string? number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        return TicketNumber.Parse(number) is { } canonical
            && user.GetCustomerId() is { } customerId
            && await TicketQueries.ThreadAsync(session, canonical, ct) is { } thread
            && thread.CustomerId == customerId
            ? thread
            : null;
    }
}
