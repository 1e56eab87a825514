using Marten;
using Tunda.Domain.Tickets;
using Tunda.Projections.Store;

namespace Tunda.Web.Benchmarks;

/// <summary>
/// Puts N tickets in the app's schema through Tunda's own Marten configuration (inline thread
/// documents written with the events; the app's daemon builds the inbox). Departments, statuses and
/// assignees are spread as a busy helpdesk has them; <see cref="CustomerShare"/> belong to one customer.
/// </summary>
internal static class TicketSeed
{
    public static readonly Guid DemoCustomer = new("0de30000-0000-4000-8000-000000000001");
    public static readonly Guid DemoStaff = new("0de30000-0000-4000-8000-000000000003");
    public const int CustomerShare = 200;
    private static readonly string[] Departments = ["technical", "administration", "sales"];

    public static async Task SeedAsync(string connectionString, string schema, int tickets)
    {
        using var store = DocumentStore.For(options => TundaStore.Configure(options, new TundaStoreSettings(connectionString, schema)));
        const int batch = 500;
        var start = DateTimeOffset.UtcNow.AddDays(-60);
        for (var first = 0; first < tickets; first += batch)
        {
            await using var session = store.LightweightSession();
            for (var i = first; i < Math.Min(tickets, first + batch); i++)
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream<Ticket>(id, Events(id, i, start.AddSeconds(i * 50.0)));
            }

            await session.SaveChangesAsync();
        }
    }

    private static object[] Events(Guid id, int i, DateTimeOffset at)
    {
        var customer = i < CustomerShare ? DemoCustomer : Guid.CreateVersion7();
        var author = new TicketAuthor(AuthorKind.Customer, customer.ToString(), $"Cliente {i}", $"cliente{i}@example.it");
        var agent = new TicketAuthor(AuthorKind.Staff, DemoStaff.ToString(), "Amministratore Demo", "admin@tunda.localhost");
        var number = "TND-" + string.Concat(Enumerable.Range(0, 5).Select(k => TicketNumber.Alphabet[(i / (int)Math.Pow(30, k)) % 30]));
        var events = new List<object>
        {
            new TicketOpened(id, number, customer, Departments[i % 3], $"Richiesta {i}: il sito non risponde", (TicketPriority)(i % 4), TicketChannel.Portal, null, author, at),
            new CustomerWrote(id, new TicketPost(Guid.CreateVersion7(), author, "Da stamattina il sito risponde con errore 500. " + new string('x', 200)), at),
        };
        if (i % 10 == 0)
        {
            events.Add(new TicketAssigned(id, DemoStaff, "Amministratore Demo", agent, at.AddMinutes(5)));
        }

        if (i % 3 == 1)
        {
            events.Add(new StaffReplied(id, new TicketPost(Guid.CreateVersion7(), agent, "Abbiamo riavviato il servizio."), at.AddMinutes(30)));
        }

        if (i % 5 == 2)
        {
            events.Add(new TicketClosed(id, author, at.AddHours(2)));
        }

        return [.. events];
    }
}
