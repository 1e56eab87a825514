using Marten;
using Npgsql;
using Tunda.Projections;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>
/// The contacts a customer sees, from the inline account_access projection. Every lookup by id is
/// scoped to the signed-in customer: another customer's contact is simply not found.
/// </summary>
public sealed class ContactDirectory(IDocumentStore store)
{
    public async Task<IReadOnlyList<AccountAccess>> ListAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return await AccountAccessQueries.ContactsOfAsync(session, customerId, cancellationToken);
    }

    public async Task<AccountAccess?> FindAsync(Guid customerId, Guid contactId, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var row = await AccountAccessQueries.FindAsync(session, contactId, cancellationToken);
        return row is { ContactId: not null } && row.CustomerId == customerId ? row : null;
    }

    /// <summary>The account's display name (company, or first and last name), for the invitation page.</summary>
    public async Task<string?> CustomerNameAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return (await AccountAccessQueries.FindAsync(session, customerId, cancellationToken))?.CustomerName;
    }
}
