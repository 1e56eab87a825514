using Marten;
using Tunda.Domain;
using Tunda.Domain.Tickets;
using Tunda.Projections;
using Tunda.Projections.Tickets;

namespace Tunda.Web.Features.Tickets;

/// <summary>Who is writing, as the ticket records it, read from the account and staff directories.</summary>
public static class TicketAuthors
{
    public static DomainError NotAllowed { get; } = new("ticket.not_allowed", "This account may not use tickets.");

    /// <summary>The customer's main account or contact with the tickets permission, of <paramref name="customerId"/>; null if it may not write.</summary>
    public static async Task<TicketAuthor?> CustomerAsync(IQuerySession session, Guid accessId, Guid customerId, CancellationToken cancellationToken)
    {
        var access = await AccountAccessQueries.FindAsync(session, accessId, cancellationToken);
        return access is not null && access.CustomerId == customerId && access.Has(Domain.Customers.Permissions.Tickets)
            ? new TicketAuthor(AuthorKind.Customer, access.AccessId.ToString(), access.Name, access.Email)
            : null;
    }

    /// <summary>The writer, when the ticket belongs to the writer's customer (never for a held or rejected ticket).</summary>
    public static async Task<TicketAuthor?> CustomerOfTicketAsync(IQuerySession session, Guid ticketId, Guid accessId, CancellationToken cancellationToken) =>
        await session.LoadAsync<TicketThread>(ticketId, cancellationToken) is { CustomerId: { } customerId }
            ? await CustomerAsync(session, accessId, customerId, cancellationToken)
            : null;

    public static async Task<TicketAuthor?> StaffAsync(IQuerySession session, Guid staffId, CancellationToken cancellationToken)
    {
        var member = await StaffDirectory.FindAsync(session, staffId, cancellationToken);
        return member is { Blocked: false } ? new TicketAuthor(AuthorKind.Staff, member.StaffId.ToString(), member.Name, member.Email) : null;
    }
}
