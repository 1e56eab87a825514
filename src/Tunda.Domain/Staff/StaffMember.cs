namespace Tunda.Domain.Staff;

/// <summary>The StaffMember stream folded.</summary>
public sealed record StaffMember
{
    public static StaffMember Empty { get; } = new();

    public Guid Id { get; init; }

    public bool Exists { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    public StaffRoles Roles { get; init; }

    public bool IsBlocked { get; init; }

    public StaffMember Evolve(object @event) => @event switch
    {
        StaffMemberAdded e => this with { Id = e.StaffId, Exists = true, Name = e.Name, Email = e.Email, Roles = e.Roles },
        StaffRolesChanged e => this with { Roles = e.Roles },
        StaffMemberBlocked => this with { IsBlocked = true },
        StaffMemberUnblocked => this with { IsBlocked = false },
        _ => this,
    };

    public static StaffMember Evolve(StaffMember state, object @event) => state.Evolve(@event);
}
