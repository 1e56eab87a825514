using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Tunda.Projections.Tickets;

namespace Tunda.Projections;

/// <summary>
/// The one place that declares Tunda's read models: each projection, whether it runs inline or in
/// the daemon, and the indexed fields its queries filter on. Domain issues add theirs here.
/// </summary>
public static class ReadModels
{
    public static void Register(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Inline: the portal and the permission checks read their own writes.
        options.Projections.Add(new CustomerProfileProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new AccountAccessProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new StaffDirectoryProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new TicketThreadProjection(), ProjectionLifecycle.Inline);

        // Async: lists across tickets (staff inbox, queue counts, the customer's list) follow within the daemon's poll.
        options.Projections.Add(new TicketInboxProjection(), ProjectionLifecycle.Async);

        // None is unique, as in the tables these replace: one address reaches a main account and
        // contacts at other customers, and the main login's uniqueness is the reservation's job.
        options.Schema.For<CustomerProfile>().Duplicate(p => p.LoginEmail);
        options.Schema.For<AccountAccess>().Duplicate(a => a.Email).Duplicate(a => a.CustomerId);
        options.Schema.For<StaffDirectoryEntry>().Duplicate(s => s.Email);
        options.Schema.For<TicketThread>().UniqueIndex(UniqueIndexType.DuplicatedField, t => t.Number).Duplicate(t => t.CustomerId)
            .FullTextIndex(TicketQueries.Italian, t => t.SearchText).FullTextIndex(TicketQueries.English, t => t.SearchText);
        options.Schema.For<TicketInboxRow>()
            .Duplicate(t => t.CustomerId).Duplicate(t => t.Department).Duplicate(t => t.Status).Duplicate(t => t.AssigneeId)
            .Duplicate(t => t.Priority).Duplicate(t => t.LastActivityAt).Duplicate(t => t.WaitingSince)
            .Duplicate(t => t.RequesterAddress).Duplicate(t => t.OpenedAt);
    }
}
