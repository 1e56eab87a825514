using Marten;
using Tunda.Projections;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>One line of the staff customer search.</summary>
public sealed record CustomerSearchHit(Guid CustomerId, string Name, string LoginEmail, string CodiceFiscale, string? VatNumber, bool Blocked);

/// <summary>
/// Finds customers by name, company, login e-mail, a contact's e-mail, codice fiscale or partita IVA,
/// over the CustomerProfile and AccountAccess documents.
/// </summary>
public sealed class CustomerSearch(IDocumentStore store)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<CustomerSearchHit>> FindAsync(string? query, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var page = await CustomerProfiles.SearchAsync(session, query, 1, Limit, cancellationToken);
        return [.. page.Select(p => new CustomerSearchHit(p.CustomerId, p.DisplayName, p.LoginEmail, p.CodiceFiscale, p.VatNumber, p.Blocked))];
    }

    public async Task<CustomerProfile?> ProfileAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return await CustomerProfiles.FindAsync(session, customerId, cancellationToken);
    }

    public async Task<IReadOnlyList<AccountAccess>> ContactsAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return await AccountAccessQueries.ContactsOfAsync(session, customerId, cancellationToken);
    }

    public async Task<IReadOnlyList<StaffDirectoryEntry>> StaffAsync(CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return await StaffDirectory.ListAsync(session, cancellationToken);
    }
}
