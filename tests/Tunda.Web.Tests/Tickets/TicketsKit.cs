using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using Tunda.Domain.Staff;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Platform.Commands;
using Tunda.Web.Tests.Accounts;
using Tunda.Web.Tests.Accounts.Contacts;

namespace Tunda.Web.Tests.Tickets;

/// <summary>Opening tickets through the API, staff acting through the same commands their pages send, and waiting for the lists.</summary>
internal static class TicketsKit
{
    public static async Task<string> OpenTicketAsync(this HttpClient customer, string subject = "Il sito non risponde", string department = "technical",
        string text = "Da stamattina www.rossi.it risponde con errore 500 su ogni pagina.")
    {
        var answer = await customer.PostAsJsonAsync(new Uri("/api/tickets", UriKind.Relative), new { department, subject, text });
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        return (await answer.JsonAsync()).GetProperty("number").GetString()!;
    }

    public static async Task<JsonElement> TicketAsync(this HttpClient customer, string number)
    {
        var answer = await customer.GetAsync(new Uri("/api/tickets/" + number, UriKind.Relative));
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await answer.JsonAsync();
    }

    public static async Task<Guid> SeedStaffAsync(this AccountsApp app, string name = "Chiara Supporto", string email = "chiara@tunda.it", StaffRoles roles = StaffRoles.Support)
    {
        var staffId = Guid.NewGuid();
        await app.AppendAsync(staffId, new StaffMemberAdded(staffId, name, email, roles, DateTimeOffset.UtcNow));
        return staffId;
    }

    public static async Task<Guid> TicketIdAsync(this AccountsApp app, string number)
    {
        await using var session = app.Get<IDocumentStore>().QuerySession();
        return (await Tunda.Projections.Tickets.TicketQueries.ThreadAsync(session, number))!.TicketId;
    }

    public static Task<InvokeResult> StaffReplyAsync(this AccountsApp app, Guid staffId, Guid ticketId, string text, long? seenRevision = null, bool confirmed = false, bool internalNote = false) =>
        app.Get<ICommandSender>().InvokeAsync(new PostAsStaff(ticketId, staffId, text, internalNote, seenRevision, confirmed, []));

    /// <summary>The async lists (customer list, inbox) have caught up with every event appended so far.</summary>
    public static Task ListsCaughtUpAsync(this AccountsApp app) => app.Get<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
}
