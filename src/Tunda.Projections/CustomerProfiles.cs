using Marten;
using Marten.Pagination;

namespace Tunda.Projections;

/// <summary>Reads of the <see cref="CustomerProfile"/> documents.</summary>
public static class CustomerProfiles
{
    public static Task<CustomerProfile?> FindAsync(IQuerySession session, Guid customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.LoadAsync<CustomerProfile>(customerId, cancellationToken);
    }

    /// <summary>The customer whose main login is <paramref name="normalisedEmail"/>, if any.</summary>
    public static Task<CustomerProfile?> FindByLoginEmailAsync(IQuerySession session, string normalisedEmail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query<CustomerProfile>().Where(p => p.LoginEmail == normalisedEmail).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The staff customer search: customers whose company name, "first last", login e-mail, codice
    /// fiscale, partita IVA or one of whose contacts' e-mail contains <paramref name="text"/> (trimmed,
    /// ignoring case), by <see cref="CustomerProfile.DisplayName"/> then id. Blank text finds nobody.
    /// </summary>
    /// <param name="pageNumber">From 1.</param>
    public static async Task<IPagedList<CustomerProfile>> SearchAsync(
        IQuerySession session, string? text, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var term = text?.Trim() ?? string.Empty;
        var profiles = session.Query<CustomerProfile>();
        if (term.Length == 0)
        {
            return await profiles.Where(p => p.CustomerId.IsOneOf(Array.Empty<Guid>())).ToPagedListAsync(pageNumber, pageSize, cancellationToken);
        }

        // Documents are not joined in LINQ: the customers reached through a contact's e-mail come first.
        var viaContacts = (await session.Query<AccountAccess>()
            .Where(a => a.ContactId != null && a.Email.Contains(term, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.CustomerId)
            .Distinct()
            .ToListAsync(cancellationToken)).ToArray();

        return await profiles
            .Where(p => p.CompanyName!.Contains(term, StringComparison.OrdinalIgnoreCase)
                || p.PersonName.Contains(term, StringComparison.OrdinalIgnoreCase)
                || p.LoginEmail.Contains(term, StringComparison.OrdinalIgnoreCase)
                || p.CodiceFiscale.Contains(term, StringComparison.OrdinalIgnoreCase)
                || p.VatNumber!.Contains(term, StringComparison.OrdinalIgnoreCase)
                || p.CustomerId.IsOneOf(viaContacts))
            .OrderBy(p => p.DisplayName)
            .ThenBy(p => p.CustomerId)
            .ToPagedListAsync(pageNumber, pageSize, cancellationToken);
    }
}
