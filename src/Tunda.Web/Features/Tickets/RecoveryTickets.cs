using System.Security.Cryptography;
using Tunda.Domain.Logins;
using Tunda.Domain.Tickets;
using Tunda.Projections;
using Tunda.Web.Features.Tickets.Mail;
using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Tickets;

/// <summary>
/// A forgotten-username request becomes a ticket in Amministrazione. Whoever asks claims to be a
/// customer, so the ticket is held for verification unless the address to answer is a tickets
/// contact of exactly one customer.
/// </summary>
public static class RecoveryTickets
{
    public const string Department = "administration";

    public static async Task<Guid> OpenAsync(CommandContext context, UsernameRecoveryRequested request, string reference, HelpdeskOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var verdict = MailSender.ByAccounts(await AccountAccessQueries.ForEmailAsync(context.Session, request.ContactEmail, ct));
        var author = new TicketAuthor(AuthorKind.EmailSender, request.ContactEmail, request.Name, request.ContactEmail);
        var text = $"""
            {request.Message}

            Indirizzo di accesso dichiarato / Claimed login: {request.ClaimedEmail}
            Ragione sociale o codice fiscale / Company or tax code: {request.CompanyOrCodiceFiscale ?? "-"}
            Riferimento / Reference: {reference}
            """;
        var ticketId = Guid.CreateVersion7();
        var open = new OpenTicketFromMail(ticketId, TicketNumber.From(RandomNumberGenerator.GetBytes(TicketNumber.Length)), verdict.CustomerId,
            options.Find(Department)?.Key ?? options.Departments[0].Key, $"Recupero nome utente {reference}", new TicketPost(Guid.CreateVersion7(), author, text),
            verdict.HeldReason is null ? null : "Username recovery: " + verdict.HeldReason)
        {
            Channel = TicketChannel.Portal,
        };
        await StreamSteps.DecideAsync(context, ticketId, Ticket.Empty, state => TicketDecider.Decide(state, open, context.Now), ct);
        return ticketId;
    }
}
