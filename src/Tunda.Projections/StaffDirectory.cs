using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Tunda.Domain.Identity;
using Tunda.Domain.Staff;

namespace Tunda.Projections;

/// <summary>A staff member as the back-office list and the staff login see it.</summary>
public sealed record StaffDirectoryEntry
{
    [Identity]
    public Guid StaffId { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>Normalised e-mail, the staff login's username.</summary>
    public string Email { get; init; } = string.Empty;

    public StaffRoles Roles { get; init; }

    public bool Blocked { get; init; }

    public bool Has(StaffRoles role) => !Blocked && (Roles & role) == role;
}

/// <summary>Builds one <see cref="StaffDirectoryEntry"/> per StaffMember stream with the domain's own Evolve, inline.</summary>
public sealed class StaffDirectoryProjection : SingleStreamProjection<StaffDirectoryEntry, Guid>
{
    public StaffDirectoryProjection()
    {
        IncludeType<StaffMemberAdded>();
        IncludeType<StaffRolesChanged>();
        IncludeType<StaffMemberBlocked>();
        IncludeType<StaffMemberUnblocked>();
    }

    public override StaffDirectoryEntry? Evolve(StaffDirectoryEntry? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var state = snapshot is null
            ? StaffMember.Empty
            : new StaffMember { Id = snapshot.StaffId, Exists = true, Name = snapshot.Name, Email = snapshot.Email, Roles = snapshot.Roles, IsBlocked = snapshot.Blocked };
        var next = StaffMember.Evolve(state, e.Data);
        return next.Exists
            ? new StaffDirectoryEntry { StaffId = next.Id, Name = next.Name, Email = next.Email, Roles = next.Roles, Blocked = next.IsBlocked }
            : null;
    }
}

/// <summary>Reads of the <see cref="StaffDirectoryEntry"/> documents.</summary>
public static class StaffDirectory
{
    public static Task<StaffDirectoryEntry?> FindAsync(IQuerySession session, Guid staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.LoadAsync<StaffDirectoryEntry>(staffId, cancellationToken);
    }

    /// <summary>The staff member who logs in with <paramref name="email"/> (any spelling); an unblocked one first.</summary>
    public static async Task<StaffDirectoryEntry?> ForEmailAsync(IQuerySession session, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var normalised = EmailAddress.Normalise(email) ?? email.Trim().ToLowerInvariant();
        return await session.Query<StaffDirectoryEntry>()
            .Where(s => s.Email == normalised)
            .OrderBy(s => s.Blocked)
            .ThenBy(s => s.StaffId)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every staff member, by name.</summary>
    public static async Task<IReadOnlyList<StaffDirectoryEntry>> ListAsync(IQuerySession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.Query<StaffDirectoryEntry>().OrderBy(s => s.Name).ThenBy(s => s.StaffId).ToListAsync(cancellationToken);
    }
}
