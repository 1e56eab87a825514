using Tunda.Domain.Staff;

namespace Tunda.Web.Features.Tickets;

/// <summary>Who works tickets (support, billing, administrators) and who may only read them (auditors too).</summary>
public static class StaffTicketRoles
{
    public const StaffRoles Workers = StaffRoles.Support | StaffRoles.Billing | StaffRoles.Administrator;
    public const StaffRoles Readers = Workers | StaffRoles.Auditor;

    public static bool CanWork(StaffRoles roles) => (roles & Workers) != StaffRoles.None;
}
