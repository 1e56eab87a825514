using System.Collections.Concurrent;
using Tunda.Domain.Customers;
using Tunda.Domain.Staff;
using Tunda.Web.Security;
using Tunda.Web.Security.Authentication;

namespace Tunda.Web.Tests;

/// <summary>Accounts for the security tests; the real directory reads the customer projections.</summary>
internal sealed class SecurityTestAccounts : IAccountDirectory
{
    private readonly ConcurrentDictionary<Guid, (string Email, AccountAccess Access)> _accesses = new();

    public AccountAccess Add(string email, Permissions permissions, string customerName = "Rossi Web S.r.l.", Guid? customerId = null, bool contact = false)
    {
        var access = new AccountAccess(Guid.NewGuid(), customerId ?? Guid.NewGuid(), contact ? Guid.NewGuid() : null, permissions, false, customerName);
        _accesses[access.AccessId] = (LoginKeys.NormaliseEmail(email)!, access);
        return access;
    }

    public void Block(Guid accessId) => Update(accessId, access => access with { IsBlocked = true });

    public void Grant(Guid accessId, Permissions permissions) => Update(accessId, access => access with { Permissions = permissions });

    public Task<AccountAccess?> FindAccessAsync(Guid accessId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_accesses.TryGetValue(accessId, out var entry) ? entry.Access : null);

    public Task<IReadOnlyList<AccountAccess>> ForEmailAsync(string normalisedEmail, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AccountAccess>>([.. _accesses.Values.Where(e => e.Email == normalisedEmail).Select(e => e.Access)]);

    private void Update(Guid accessId, Func<AccountAccess, AccountAccess> change)
    {
        var entry = _accesses[accessId];
        _accesses[accessId] = (entry.Email, change(entry.Access));
    }
}

internal sealed class SecurityTestStaff : IStaffDirectory
{
    private readonly ConcurrentDictionary<string, StaffAccess> _members = new();

    public StaffAccess Add(string email, StaffRoles roles)
    {
        var member = new StaffAccess(Guid.NewGuid(), roles, false);
        _members[LoginKeys.NormaliseEmail(email)!] = member;
        return member;
    }

    public void Block(string email) => _members[LoginKeys.NormaliseEmail(email)!] = _members[LoginKeys.NormaliseEmail(email)!] with { IsBlocked = true };

    public Task<StaffAccess?> FindByEmailAsync(string normalisedEmail, CancellationToken cancellationToken = default) =>
        Task.FromResult(_members.TryGetValue(normalisedEmail, out var member) ? member : null);
}
