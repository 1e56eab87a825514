using System.Security.Claims;
using Marten;
using Npgsql;
using Tunda.Domain.Tickets;
using Tunda.Projections.Tickets;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Tickets;

/// <summary>
/// Attachment downloads: found through the ticket the caller may read (a customer only public
/// messages of their own tickets), always as a download (never rendered inline), with no sniffing.
/// </summary>
public static class TicketDownloads
{
    public static async Task<IResult> CustomerAsync(string number, Guid attachmentId, ClaimsPrincipal user, IQuerySession session, NpgsqlDataSource data, CancellationToken ct) =>
        await CustomerTickets.FindAsync(session, user, number, ct) is { } thread
            ? await ServeAsync(thread, thread.Attachment(attachmentId, staff: false), session, data, ct)
            : TicketProblems.NotFound();

    public static async Task<IResult> StaffAsync(string number, Guid attachmentId, IQuerySession session, NpgsqlDataSource data, CancellationToken ct) =>
        TicketNumber.Parse(number) is { } canonical && await TicketQueries.ThreadAsync(session, canonical, ct) is { } thread
            ? await ServeAsync(thread, thread.Attachment(attachmentId, staff: true), session, data, ct)
            : TicketProblems.NotFound();

    private static async Task<IResult> ServeAsync(TicketThread thread, TicketAttachment? attachment, IQuerySession session, NpgsqlDataSource data, CancellationToken ct)
    {
        if (attachment is null || await TicketAttachments.ReadAsync(data, session.DocumentStore.Options.DatabaseSchemaName, thread.TicketId, attachment, ct) is not { } bytes)
        {
            return TicketProblems.NotFound();
        }

        return Results.File(bytes, "application/octet-stream", attachment.FileName);
    }
}
