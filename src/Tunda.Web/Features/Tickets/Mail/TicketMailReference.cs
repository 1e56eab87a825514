using JasperFx;
using Marten;

namespace Tunda.Web.Features.Tickets.Mail;

/// <summary>
/// A Message-ID known to belong to a ticket (a mail received into it), and a marker per received mail
/// the helpdesk has handled ("mail:&lt;id&gt;"), so a redelivered message changes nothing.
/// </summary>
public sealed record TicketMailReference
{
    [Identity]
    public string Id { get; init; } = string.Empty;

    public Guid? TicketId { get; init; }

    /// <summary>What became of the mail, in words staff can read.</summary>
    public string Outcome { get; init; } = string.Empty;

    public static string ForMail(Guid mailId) => "mail:" + mailId.ToString("N");

    /// <summary>A Message-ID as compared: without angle brackets, lower case.</summary>
    public static string ForMessageId(string messageId) => "id:" + messageId.Trim().Trim('<', '>').ToLowerInvariant();

    /// <summary>The ticket the first of <paramref name="messageIds"/> that Tunda knows belongs to, most recent reference first.</summary>
    public static async Task<Guid?> TicketOfAsync(IQuerySession session, IEnumerable<string> messageIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var keys = messageIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(ForMessageId).Distinct().ToList();
        if (keys.Count == 0)
        {
            return null;
        }

        var known = await session.LoadManyAsync<TicketMailReference>(ct, keys);
        return keys.Select(k => known.FirstOrDefault(r => r.Id == k)?.TicketId).FirstOrDefault(t => t is not null);
    }
}
