using Marten;
using Tunda.Domain.Customers;
using Tunda.Domain.Tickets;
using Tunda.Projections;
using Tunda.Projections.Tickets;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;

namespace Tunda.Web.Features.Tickets;

/// <summary>The helpdesk's outgoing mail, sent through the outbox only when the change that causes it commits.</summary>
public static class TicketMails
{
    private static string Link(PublicUrls urls, string number) => urls.Link("/area-clienti/ticket/" + number).ToString();

    /// <summary>"We received your request", to whoever opened it (from the customer area, or by the mail <paramref name="answering"/>).</summary>
    public static SendEmail Acknowledgement(TicketOpened opened, TicketAuthor author, HelpdeskOptions options, string? language, PublicUrls urls, string? answering = null)
    {
        var lang = language ?? "it";
        var department = options.Find(opened.Department);
        return new SendEmail(Guid.NewGuid(), "ticket-opened", lang, author.Address!, author.Name, new Dictionary<string, string>
        {
            ["name"] = author.Name,
            ["number"] = opened.Number,
            ["subject"] = opened.Subject,
            ["department"] = department?.Name(lang) ?? opened.Department,
            ["ticketLink"] = Link(urls, opened.Number),
        })
        {
            Thread = Threading(opened.Number, department, lang, answering, answering is null ? [] : [answering], automatic: true),
        };
    }

    /// <summary>
    /// An agent's public reply: to every participant that is not failing and to the customer's
    /// contacts subscribed to support notifications, once per address, in the customer's language.
    /// </summary>
    public static async Task<IReadOnlyList<SendEmail>> StaffReplyAsync(IQuerySession session, TicketThread thread, TicketPost post, HelpdeskOptions options, PublicUrls urls, CancellationToken ct)
    {
        var ticket = thread.State;
        if (ticket.CustomerId is not { } customerId)
        {
            return [];
        }

        var profile = await CustomerProfiles.FindAsync(session, customerId, ct);
        var language = profile?.Language is { Length: > 0 } chosen ? chosen : "it";
        var accounts = await session.Query<AccountAccess>().Where(a => a.CustomerId == customerId).ToListAsync(ct);
        var mailIds = thread.Entries.Select(e => e.Post?.EmailMessageId).OfType<string>().TakeLast(20).ToList();
        var recipients = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var address in ticket.Participants.Except(ticket.FailingAddresses))
        {
            recipients.TryAdd(address, accounts.FirstOrDefault(a => string.Equals(a.Email, address, StringComparison.OrdinalIgnoreCase))?.Name ?? address);
        }

        foreach (var subscriber in accounts.Where(a => a.CanSignIn && a.Has(Permissions.Tickets) && (a.IsMainAccount || a.Notifications.HasFlag(Notifications.Support))))
        {
            recipients.TryAdd(subscriber.Email, subscriber.Name);
        }

        return [.. recipients.Select(r => new SendEmail(Guid.NewGuid(), "ticket-reply", language, r.Key, r.Value, new Dictionary<string, string>
        {
            ["name"] = r.Value,
            ["number"] = ticket.Number,
            ["subject"] = ticket.Subject,
            ["agentName"] = post.Author.Name,
            ["text"] = post.Text,
            ["ticketLink"] = Link(urls, ticket.Number),
        })
        {
            Thread = Threading(ticket.Number, options.Find(ticket.Department), language, mailIds.LastOrDefault(), mailIds, automatic: false),
        })];
    }

    /// <summary>The customer wrote again: to the agent who has the ticket, else to the department's own mailbox (its group).</summary>
    public static async Task<SendEmail> CustomerReplyAsync(IQuerySession session, Ticket ticket, TicketPost post, HelpdeskOptions options, PublicUrls urls, CancellationToken ct)
    {
        var department = options.Find(ticket.Department);
        var assignee = ticket.AssigneeId is { } staffId ? await StaffDirectory.FindAsync(session, staffId, ct) : null;
        var (address, name) = assignee is { Blocked: false } ? (assignee.Email, assignee.Name) : (department?.Address ?? options.Departments[0].Address, department?.NameIt);
        return new SendEmail(Guid.NewGuid(), "ticket-customer-reply", "it", address, name, new Dictionary<string, string>
        {
            ["author"] = post.Author.Name,
            ["number"] = ticket.Number,
            ["subject"] = ticket.Subject,
            ["department"] = department?.NameIt ?? ticket.Department,
            ["text"] = post.Text,
            ["staffLink"] = urls.Link("/staff/ticket/" + ticket.Number).ToString(),
        })
        {
            Thread = Threading(ticket.Number, department, "it", null, [], automatic: true),
        };
    }

    /// <summary>From the department's address, answering the conversation's last mail and naming all of them (RFC 5322 threading).</summary>
    private static MailThreading Threading(string number, Department? department, string language, string? inReplyTo, IReadOnlyList<string> references, bool automatic) =>
        new(number, department?.Address ?? "assistenza@tunda.localhost", department is null ? "Tunda" : $"Tunda {department.Name(language)}", inReplyTo, references, automatic);
}
