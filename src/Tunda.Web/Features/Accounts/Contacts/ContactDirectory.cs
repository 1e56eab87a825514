using Npgsql;
using Tunda.Projections;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Accounts.Contacts;

/// <summary>
/// The contacts a customer sees, from the inline account_access projection. Every lookup by id is
/// scoped to the signed-in customer: another customer's contact is simply not found.
/// </summary>
public sealed class ContactDirectory(NpgsqlDataSource dataSource, DatabaseOptions database)
{
    public async Task<IReadOnlyList<AccountAccess>> ListAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await AccountAccessQueries.ContactsOfAsync(connection, database.Schema, customerId);
    }

    public async Task<AccountAccess?> FindAsync(Guid customerId, Guid contactId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await AccountAccessQueries.FindAsync(connection, database.Schema, contactId);
        return row is { ContactId: not null } && row.CustomerId == customerId ? row : null;
    }

    /// <summary>The account's display name (company, or first and last name), for the invitation page.</summary>
    public async Task<string?> CustomerNameAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await AccountAccessQueries.FindAsync(connection, database.Schema, customerId))?.CustomerName;
    }
}
