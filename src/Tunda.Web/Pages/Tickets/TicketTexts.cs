using Tunda.Domain.Tickets;
using Tunda.Web.Features.Tickets;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Pages.Tickets;

/// <summary>How ticket pages name statuses and departments, in the page's language.</summary>
public static class TicketTexts
{
    public static string Status(Texts texts, TicketStatus status) => texts["tickets.status." + status];

    public static string Department(HelpdeskOptions options, string key) =>
        options.Find(key)?.Name(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? key;

    /// <summary>A CSS modifier for the status badge (the badge always carries the word too).</summary>
    public static string Badge(TicketStatus status) => status switch
    {
        TicketStatus.AwaitingCustomer => "badge badge-warning",
        TicketStatus.AwaitingStaff or TicketStatus.Open => "badge badge-info",
        TicketStatus.Closed or TicketStatus.Rejected => "badge badge-muted",
        _ => "badge badge-danger",
    };
}
