using Tunda.Domain.Customers;

namespace Tunda.Web.Security.Authentication;

/// <summary>
/// One way into a customer account: the main account itself or one of its contacts. Blocked when the
/// contact or the whole customer is blocked.
/// </summary>
public sealed record AccountAccess(Guid AccessId, Guid CustomerId, Guid? ContactId, Permissions Permissions, bool IsBlocked, string CustomerName);

/// <summary>
/// Read side of customers as sign-in and every request need it, read fresh each time so a changed
/// permission or a block applies on the next request. Implemented over the projections.
/// </summary>
public interface IAccountDirectory
{
    Task<AccountAccess?> FindAccessAsync(Guid accessId, CancellationToken cancellationToken = default);

    /// <summary>Every account a login e-mail reaches (main account and contacts at any customer), blocked ones included.</summary>
    Task<IReadOnlyList<AccountAccess>> ForEmailAsync(string normalisedEmail, CancellationToken cancellationToken = default);
}
