using Marten;
using Tunda.Domain.Customers;
using Tunda.Domain.Tickets;
using Tunda.Projections;
using Tunda.Web.Features.Email;
using Tunda.Web.Platform.Links;

namespace Tunda.Web.Features.Tickets;

/// <summary>The helpdesk's outgoing mail, sent through the outbox only when the change that causes it commits.</summary>
public static class TicketMails
{
    public static string Link(PublicUrls urls, string number) => urls.Link("/area-clienti/ticket/" + number).ToString();

    /// <summary>"We received your request", to the customer who opened it from the customer area.</summary>
    public static SendEmail Acknowledgement(TicketOpened opened, TicketAuthor author, HelpdeskOptions options, string? language, PublicUrls urls)
    {
        var lang = language ?? "it";
        return new SendEmail(Guid.NewGuid(), "ticket-opened", lang, author.Address!, author.Name, new Dictionary<string, string>
        {
            ["name"] = author.Name,
            ["number"] = opened.Number,
            ["subject"] = opened.Subject,
            ["department"] = options.Find(opened.Department)?.Name(lang) ?? opened.Department,
            ["ticketLink"] = Link(urls, opened.Number),
        });
    }

    /// <summary>
    /// An agent's public reply: to every participant that is not failing and to the customer's
    /// contacts subscribed to support notifications, once per address, in the customer's language.
    /// </summary>
    public static async Task<IReadOnlyList<SendEmail>> StaffReplyAsync(IQuerySession session, Ticket ticket, TicketPost post, HelpdeskOptions options, PublicUrls urls, CancellationToken ct)
    {
        if (ticket.CustomerId is not { } customerId)
        {
            return [];
        }

        var profile = await CustomerProfiles.FindAsync(session, customerId, ct);
        var language = profile?.Language is { Length: > 0 } chosen ? chosen : "it";
        var accounts = await session.Query<AccountAccess>().Where(a => a.CustomerId == customerId).ToListAsync(ct);
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
        }))];
    }
}
