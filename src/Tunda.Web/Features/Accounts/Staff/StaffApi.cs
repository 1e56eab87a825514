using System.ComponentModel.DataAnnotations;
using Tunda.Domain;
using Tunda.Domain.Staff;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Localisation;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Features.Accounts.Staff;

/// <summary>
/// /api/staff: the back office's JSON API, the same commands as the pages. Members: administrators;
/// customers: support, billing and administrators act, auditors read.
/// </summary>
public static class StaffApi
{
    private const StaffRoles CustomerActors = StaffRoles.Support | StaffRoles.Billing | StaffRoles.Administrator;

    public sealed record InviteBody(string? Email, string? Name, string[]? Roles, [property: MaxLength(Languages.MaxTagLength)] string? Language);

    public sealed record RolesBody(string[]? Roles);

    public sealed record EmailBody(string? Email);

    public sealed record ReasonBody(string? Reason);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApi("/staff", "Staff");

        var members = api.MapGroup("/members").RequireStaffRole(StaffRoles.Administrator);
        members.MapGet("/", async (CustomerSearch reads, CancellationToken ct) =>
            Results.Ok((await reads.StaffAsync(ct)).Select(m => new { m.StaffId, m.Name, m.Email, roles = RoleList(m.Roles), m.Blocked })));
        members.MapPost("/", async (InviteBody body, ICommandSender bus, Texts texts, HttpContext http) =>
        {
            if (StaffRoleNames.Parse(body.Roles) is not { } roles)
            {
                return Refused(texts, UnknownRole);
            }

            var language = Languages.IsSupported(body.Language) ? body.Language!.ToLowerInvariant() : Languages.Italian;
            var result = await bus.InvokeAsync(new InviteStaffMember(Guid.NewGuid(), body.Name ?? "", body.Email ?? "", roles, language), RequestMetadata.For(http), http.RequestAborted);
            return result.Value is StaffInvitation invited
                ? Results.Created($"/api/staff/members/{invited.StaffId}", new { invited.StaffId, invited.Email })
                : Refused(texts, result);
        });
        members.MapPut("/{staffId:guid}/roles", async (Guid staffId, RolesBody body, ICommandSender bus, Texts texts, HttpContext http) =>
            StaffRoleNames.Parse(body.Roles) is { } roles
                ? Done(texts, await bus.InvokeAsync(new ChangeMemberRoles(staffId, roles), RequestMetadata.For(http), http.RequestAborted))
                : Refused(texts, UnknownRole));
        members.MapPost("/{staffId:guid}/block", async (Guid staffId, ICommandSender bus, Texts texts, HttpContext http) =>
            Done(texts, await bus.InvokeAsync(new BlockMember(staffId), RequestMetadata.For(http), http.RequestAborted)));
        members.MapDelete("/{staffId:guid}/block", async (Guid staffId, ICommandSender bus, Texts texts, HttpContext http) =>
            Done(texts, await bus.InvokeAsync(new UnblockMember(staffId), RequestMetadata.For(http), http.RequestAborted)));

        var customers = api.MapGroup("/customers");
        customers.MapGet("/", async (string? q, CustomerSearch search, CancellationToken ct) => Results.Ok(await search.FindAsync(q, ct)))
            .RequireStaffRole(CustomerActors | StaffRoles.Auditor);
        customers.MapGet("/{customerId:guid}", async (Guid customerId, CustomerSearch search, CancellationToken ct) =>
            await search.ProfileAsync(customerId, ct) is { } profile
                ? Results.Ok(new { profile, contacts = await search.ContactsAsync(customerId, ct) })
                : Results.NotFound())
            .RequireStaffRole(CustomerActors | StaffRoles.Auditor);
        customers.MapPut("/{customerId:guid}/login-email", async (Guid customerId, EmailBody body, ICommandSender bus, Texts texts, HttpContext http) =>
            Done(texts, await bus.InvokeAsync(new StaffChangeCustomerLoginEmail(customerId, body.Email ?? ""), RequestMetadata.For(http), http.RequestAborted)))
            .RequireStaffRole(CustomerActors);
        customers.MapPost("/{customerId:guid}/block", async (Guid customerId, ReasonBody body, ICommandSender bus, Texts texts, HttpContext http) =>
            Done(texts, await bus.InvokeAsync(new StaffBlockCustomer(customerId, body.Reason ?? ""), RequestMetadata.For(http), http.RequestAborted)))
            .RequireStaffRole(CustomerActors);
        customers.MapDelete("/{customerId:guid}/block", async (Guid customerId, ICommandSender bus, Texts texts, HttpContext http) =>
            Done(texts, await bus.InvokeAsync(new StaffUnblockCustomer(customerId), RequestMetadata.For(http), http.RequestAborted)))
            .RequireStaffRole(CustomerActors);
        customers.MapPost("/{customerId:guid}/password-reset", async (Guid customerId, ICommandSender bus, Texts texts, HttpContext http) =>
            Done(texts, await bus.InvokeAsync(new StaffStartPasswordReset(customerId), RequestMetadata.For(http), http.RequestAborted)))
            .RequireStaffRole(CustomerActors);
    }

    private static DomainError UnknownRole { get; } = new("staff.unknown_role", "Roles are support, billing, administrator, auditor.", "roles");

    private static string[] RoleList(StaffRoles roles) => [.. StaffRoleNames.All.Where(r => roles.HasFlag(r)).Select(StaffRoleNames.Name)];

    private static IResult Done(Texts texts, InvokeResult result) => result.Succeeded ? Results.NoContent() : Refused(texts, result);

    private static IResult Refused(Texts texts, InvokeResult result) =>
        result.Errors.Any(e => e.Field is not null)
            ? ApiResults.ValidationProblem(result.Errors.Select(e => new FieldError(e.Field ?? "", texts.Localised(e))))
            : ApiResults.Problem(texts.Localised(result.Error!));

    private static IResult Refused(Texts texts, DomainError error) =>
        error.Field is { } field ? ApiResults.ValidationProblem(new FieldError(field, texts.Localised(error))) : ApiResults.Problem(texts.Localised(error));
}
