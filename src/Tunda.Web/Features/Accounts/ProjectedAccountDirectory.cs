using Marten;
using Npgsql;
using Tunda.Projections;
using Tunda.Web.Configuration;
using Tunda.Web.Security.Authentication;
using ProjectedAccess = Tunda.Projections.AccountAccess;
using SecurityAccess = Tunda.Web.Security.Authentication.AccountAccess;

namespace Tunda.Web.Features.Accounts;

/// <summary>
/// Sign-in and every request read who may enter which account from the inline account_access
/// projection, fresh each time. A way in that cannot be used yet (an invitation not accepted, a
/// main account whose e-mail is not confirmed) is not offered at all; a blocked one is offered as
/// blocked so sign-in can say so.
/// </summary>
internal sealed class ProjectedAccountDirectory(IDocumentStore store) : IAccountDirectory
{
    public async Task<SecurityAccess?> FindAccessAsync(Guid accessId, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var row = await AccountAccessQueries.FindAsync(session, accessId, cancellationToken);
        return row is null || !IsOffered(row) ? null : ToAccess(row);
    }

    public async Task<IReadOnlyList<SecurityAccess>> ForEmailAsync(string normalisedEmail, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var rows = await AccountAccessQueries.ForEmailAsync(session, normalisedEmail, cancellationToken);
        return [.. rows.Where(IsOffered).Select(ToAccess)];
    }

    private static bool IsOffered(ProjectedAccess row) =>
        row.Status != AccountAccessStatus.Invited && (row.CustomerEmailConfirmed || !row.IsMainAccount);

    private static SecurityAccess ToAccess(ProjectedAccess row) => new(
        row.AccessId,
        row.CustomerId,
        row.ContactId,
        row.Permissions,
        IsBlocked: !row.CanSignIn,
        row.CustomerName);
}

/// <summary>Staff sign-in and every staff request read the inline staff_directory projection.</summary>
internal sealed class ProjectedStaffDirectory(IDocumentStore store) : IStaffDirectory
{
    public async Task<StaffAccess?> FindByEmailAsync(string normalisedEmail, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var row = await StaffDirectory.ForEmailAsync(session, normalisedEmail, cancellationToken);
        return row is null ? null : new StaffAccess(row.StaffId, row.Roles, row.Blocked);
    }
}
