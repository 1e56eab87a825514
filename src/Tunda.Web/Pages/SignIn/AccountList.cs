using System.Security.Claims;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Pages.SignIn;

/// <summary>What _AccountList shows: the open accounts of the signed-in e-mail and the one in use, if any.</summary>
public sealed record AccountList(IReadOnlyList<AccountAccess> Accounts, Guid? Current)
{
    /// <summary>The accounts the signed-in person's e-mail enters and that are not blocked: the ones to offer.</summary>
    public static async Task<IReadOnlyList<AccountAccess>> OpenAccountsAsync(IAccountDirectory directory, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return [.. (await directory.ForEmailAsync(user.GetEmail() ?? string.Empty, cancellationToken)).Where(a => !a.IsBlocked)];
    }
}
