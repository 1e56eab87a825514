using Tunda.Domain.Staff;
using Tunda.Web.Platform.Api;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// /api/staff/inbound: the quarantine for the back office. Support and administrators work it,
/// auditors read it (the role rule lets them GET only).
/// </summary>
public static class InboundStaffApi
{
    public const StaffRoles Readers = StaffRoles.Support | StaffRoles.Administrator | StaffRoles.Auditor;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApi("/staff/inbound", "Staff").RequireStaffRole(Readers);
        api.MapGet("/quarantine", async (QuarantineList quarantine, CancellationToken ct) => Results.Ok(await quarantine.ListAsync(ct)))
            .WithSummary("Quarantined inbound messages, newest first");
        api.MapGet("/{id:guid}/raw", async (Guid id, QuarantineList quarantine, CancellationToken ct) =>
            await quarantine.RawAsync(id, ct) is { } raw
                ? Results.File(raw, InboundMailApi.MediaType, QuarantineList.FileName(id))
                : Results.NotFound())
            .WithSummary("A received message's raw bytes (.eml), exactly as stored")
            .Produces(StatusCodes.Status200OK, contentType: InboundMailApi.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
