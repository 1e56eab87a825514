using System.Security.Claims;
using Marten;
using Tunda.Domain.Customers;
using Tunda.Domain.Tickets;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Accounts;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Commands;
using System.ComponentModel.DataAnnotations;
using Tunda.Web.Platform.RateLimits;
using Tunda.Web.Security.Authentication;
using Tunda.Web.Security.Authorization;

namespace Tunda.Web.Features.Tickets;

/// <summary>A ticket in the customer's list.</summary>
public sealed record TicketListItem(string Number, string Subject, string Department, string Status, DateTimeOffset LastActivity)
{
    public static TicketListItem From(TicketInboxRow row) => new(row.Number, row.Subject, row.Department, row.Status.ToString(), row.LastActivityAt);
}

/// <summary>A message of a ticket as the customer sees it.</summary>
public sealed record TicketMessageItem(Guid Id, string Author, bool FromStaff, string Text, DateTimeOffset At, IReadOnlyList<TicketAttachment> Attachments);

/// <summary>A ticket with its public thread.</summary>
public sealed record TicketResource(string Number, string Subject, string Department, string Status, DateTimeOffset OpenedAt, DateTimeOffset LastActivity, IReadOnlyList<TicketMessageItem> Messages)
{
    public static TicketResource From(TicketThread thread) => new(
        thread.Number, thread.State.Subject, thread.State.Department, thread.State.Status.ToString(), thread.State.OpenedAt, thread.State.LastActivityAt,
        [.. thread.Entries.Where(e => e.IsPublic && e.Post is not null).Select(e => new TicketMessageItem(e.Post!.PostId, e.Post.Author.Name, e.Kind == "staff", e.Post.Text, e.At, e.Post.Attachments))]);
}

public sealed record NewTicketInput(string? Department, string? Subject, [property: DataType(DataType.MultilineText)] string? Text);

public sealed record TicketReplyInput([property: DataType(DataType.MultilineText)] string? Text);

/// <summary>
/// /api/tickets: the signed-in customer's tickets (permission "tickets"). A ticket of another
/// customer, or a held one, is a 404 whatever the verb: its number reveals nothing.
/// </summary>
internal static class TicketsApi
{
    public const int PageSize = 20;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var tickets = endpoints.MapApi("/tickets", "Tickets").RequirePermission(Permissions.Tickets);
        tickets.MapGet("/", async (ClaimsPrincipal user, IQuerySession session, TicketStatus? status, string? department, int? page, CancellationToken ct) =>
            Results.Ok((await TicketQueries.ForCustomerAsync(session, CustomerOf(user), status, department, Math.Max(page ?? 1, 1), PageSize, ct)).Select(TicketListItem.From)));

        tickets.MapPost("/", async (NewTicketInput input, HttpContext http, ICommandSender bus, CancellationToken ct) =>
        {
            var command = new OpenCustomerTicket(Guid.CreateVersion7(), CustomerOf(http.User), AccessOf(http.User), input.Department ?? string.Empty,
                input.Subject ?? string.Empty, input.Text ?? string.Empty, null, []);
            var result = await bus.InvokeAsync(command, RequestMetadata.For(http), ct);
            return result.Succeeded && result.Value is TicketCreated created
                ? Results.Created($"/api/tickets/{created.Number}", new { number = created.Number })
                : TicketProblems.For(result);
        }).RequireRateLimiting(RateLimitPolicies.Ticket);

        tickets.MapGet("/{number}", async (string number, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
            await CustomerTickets.FindAsync(session, user, number, ct) is { } thread ? Results.Ok(TicketResource.From(thread)) : TicketProblems.NotFound());

        tickets.MapPost("/{number}/replies", (string number, TicketReplyInput input, HttpContext http, IQuerySession session, ICommandSender bus, CancellationToken ct) =>
            ActAsync(number, http, session, bus, thread => new ReplyAsCustomer(thread.TicketId, AccessOf(http.User), input.Text ?? string.Empty, []), ct));

        tickets.MapPost("/{number}/close", (string number, HttpContext http, IQuerySession session, ICommandSender bus, CancellationToken ct) =>
            ActAsync(number, http, session, bus, thread => new CloseAsCustomer(thread.TicketId, AccessOf(http.User)), ct));

        tickets.MapPost("/{number}/reopen", (string number, HttpContext http, IQuerySession session, ICommandSender bus, CancellationToken ct) =>
            ActAsync(number, http, session, bus, thread => new ReopenAsCustomer(thread.TicketId, AccessOf(http.User)), ct));

        tickets.MapGet("/{number}/attachments/{id:guid}", (string number, Guid id, HttpContext http, IQuerySession session, Npgsql.NpgsqlDataSource data, CancellationToken ct) =>
            TicketDownloads.CustomerAsync(number, id, http.User, session, data, ct));

        endpoints.MapApi("/staff/tickets", "Staff").RequireStaffRole(StaffTicketRoles.Readers)
            .MapGet("/{number}/attachments/{id:guid}", (string number, Guid id, IQuerySession session, Npgsql.NpgsqlDataSource data, CancellationToken ct) =>
                TicketDownloads.StaffAsync(number, id, session, data, ct));
    }

    private static async Task<IResult> ActAsync(string number, HttpContext http, IQuerySession session, ICommandSender bus, Func<TicketThread, object> command, CancellationToken ct)
    {
        if (await CustomerTickets.FindAsync(session, http.User, number, ct) is not { } thread)
        {
            return TicketProblems.NotFound();
        }

        var result = await bus.InvokeAsync(command(thread), RequestMetadata.For(http), ct);
        return result.Succeeded && await CustomerTickets.FindAsync(session, http.User, number, ct) is { } now
            ? Results.Ok(TicketResource.From(now))
            : TicketProblems.For(result);
    }

    private static Guid CustomerOf(ClaimsPrincipal user) => user.GetCustomerId() ?? throw new InvalidOperationException("A tickets endpoint ran without a customer session.");

    private static Guid AccessOf(ClaimsPrincipal user) => user.GetAccessId() ?? throw new InvalidOperationException("A tickets endpoint ran without a customer session.");
}
