using Marten;
using Tunda.Domain.Identity;

namespace Tunda.Projections;

/// <summary>Reads of the <see cref="AccountAccess"/> documents (the login directory).</summary>
public static class AccountAccessQueries
{
    /// <summary>
    /// Every account <paramref name="email"/> reaches (main account and contacts at any customer),
    /// blocked and invited ones included so the caller can say why a way in is closed. Main accounts
    /// first, then by customer name.
    /// </summary>
    public static async Task<IReadOnlyList<AccountAccess>> ForEmailAsync(IQuerySession session, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (string.IsNullOrWhiteSpace(email))
        {
            return [];
        }

        var normalised = EmailAddress.Normalise(email) ?? email.Trim().ToLowerInvariant();
        return await session.Query<AccountAccess>()
            .Where(a => a.Email == normalised)
            .OrderByDescending(a => a.IsMainAccount)
            .ThenBy(a => a.CustomerName)
            .ThenBy(a => a.AccessId)
            .ToListAsync(cancellationToken);
    }

    public static Task<AccountAccess?> FindAsync(IQuerySession session, Guid accessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.LoadAsync<AccountAccess>(accessId, cancellationToken);
    }

    /// <summary>The contacts of a customer (not its main account), by name.</summary>
    public static async Task<IReadOnlyList<AccountAccess>> ContactsOfAsync(IQuerySession session, Guid customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.Query<AccountAccess>()
            .Where(a => a.CustomerId == customerId && a.ContactId != null)
            .OrderBy(a => a.Name)
            .ThenBy(a => a.AccessId)
            .ToListAsync(cancellationToken);
    }
}
