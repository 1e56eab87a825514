using Tunda.Domain;
using Tunda.Domain.Tickets;
using Tunda.Web.Features.Accounts.Demo;
using Tunda.Web.Platform.Commands;

namespace Tunda.Web.Features.Tickets;

/// <summary>
/// The demo's tickets, one in each state the helpdesk shows: waiting for staff, waiting for the
/// customer (with a staff reply), assigned with an internal note, closed, and a mail held for
/// verification from an address nobody registered. Each is seeded once.
/// </summary>
public static class DemoTickets
{
    private static readonly TicketAuthor Customer = new(AuthorKind.Customer, DemoAccounts.CustomerId.ToString(), "Mario Rossi", DemoAccounts.CustomerEmail);
    private static readonly TicketAuthor Admin = new(AuthorKind.Staff, DemoAccounts.StaffId.ToString(), "Amministratore Demo", DemoAccounts.StaffEmail);
    private static readonly TicketAuthor Stranger = new(AuthorKind.EmailSender, "mario.rossi.personale@gmail.example", "Mario Rossi", "mario.rossi.personale@gmail.example");

    public static async Task SeedAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Now;
        await SeedAsync(context, Id(1), now, s => Open(s, Id(1), "TND-DEMAA", "technical", "Errore 500 sul sito www.rossi.example",
            "Da questa mattina il sito risponde con errore 500 su tutte le pagine. Non abbiamo cambiato nulla; i log del pannello non mostrano errori.", Customer, now), ct);
        await SeedAsync(context, Id(2), now, s => Decision.Chain(s, Ticket.Evolve,
            t => Open(t, Id(2), "TND-DEMAB", "administration", "Fattura di novembre senza partita IVA",
                "La fattura di novembre riporta il codice fiscale ma non la partita IVA della società: potete riemetterla?", Customer, now),
            t => TicketDecider.Decide(t, new ReplyAsStaff(Id(2), Post(Admin, "Abbiamo corretto l'anagrafica: ci confermate che la partita IVA è 01234567897?")), now)), ct);
        await SeedAsync(context, Id(3), now, s => Decision.Chain(s, Ticket.Evolve,
            t => Open(t, Id(3), "TND-DEMAC", "sales", "Preventivo per 5 caselle PEC", "Vorremmo un preventivo per cinque caselle PEC da 2 GB per lo studio.", Customer, now),
            t => TicketDecider.Decide(t, new ReplyAsStaff(Id(3), Post(Admin, "Le abbiamo inviato il preventivo per e-mail; resta valido 30 giorni.")), now),
            t => TicketDecider.Decide(t, new CloseTicket(Id(3), Customer), now)), ct);
        await SeedAsync(context, Id(4), now, s => Decision.Chain(s, Ticket.Evolve,
            t => Open(t, Id(4), "TND-DEMAD", "technical", "Posta in uscita bloccata", "Le e-mail inviate da info@rossi.example restano in uscita con errore di autenticazione SMTP.", Customer, now),
            t => TicketDecider.Decide(t, new AssignTicket(Id(4), DemoAccounts.StaffId, "Amministratore Demo", Admin), now),
            t => TicketDecider.Decide(t, new ChangeTicketPriority(Id(4), TicketPriority.High, Admin), now),
            t => TicketDecider.Decide(t, new AddInternalNote(Id(4), Post(Admin, "Il server mail02 ha la coda piena: verificare dopo lo svuotamento.")), now)), ct);
        await SeedAsync(context, Id(5), now, s => TicketDecider.Decide(s, new OpenTicketFromMail(Id(5), "TND-DEMAE", null, "technical", "Password del pannello",
            Post(Stranger, "Ho perso la password del pannello, potete mandarmela a questo indirizzo?"), "The address is not registered on any customer account."), now), ct);
    }

    private static Task SeedAsync(CommandContext context, Guid ticketId, DateTimeOffset now, Func<Ticket, Decision> decide, CancellationToken ct) =>
        StreamSteps.DecideAsync(context, ticketId, Ticket.Empty, state => state.Exists ? Decision.Accept() : decide(state), ct);

    private static Decision Open(Ticket state, Guid id, string number, string department, string subject, string text, TicketAuthor author, DateTimeOffset now) =>
        TicketDecider.Decide(state, new OpenTicket(id, number, DemoAccounts.CustomerId, department, subject, TicketPriority.Normal, null, Post(author, text)), now);

    private static TicketPost Post(TicketAuthor author, string text) => new(Guid.CreateVersion7(), author, text);

    private static Guid Id(int n) => new($"0de30000-0000-4000-8000-0000000010{n:D2}");
}
