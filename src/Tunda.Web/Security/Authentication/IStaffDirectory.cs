using Tunda.Domain.Staff;

namespace Tunda.Web.Security.Authentication;

public sealed record StaffAccess(Guid StaffId, StaffRoles Roles, bool IsBlocked);

/// <summary>Staff members as sign-in and every staff request need them, read fresh each time.</summary>
public interface IStaffDirectory
{
    Task<StaffAccess?> FindByEmailAsync(string normalisedEmail, CancellationToken cancellationToken = default);
}
