using Marten;
using Tunda.Domain.Customers;
using Tunda.Projections.Store;
using static Tunda.Projections.Tests.Support.Events;

namespace Tunda.Projections.Tests.Store;

/// <summary>Customer streams written the way the app writes them (one unit of work per command, with metadata), and SQL to reach behind Marten.</summary>
internal static class EventChainStreams
{
    /// <summary>Two customers: <c>A</c> with five events, <c>B</c> with three, interleaved.</summary>
    public static async Task<(Guid A, Guid B)> TwoCustomersAsync(IDocumentStore store)
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        object[] first = [Person(a), new CustomerBlocked(a, "unpaid", At), new CustomerUnblocked(a, At), new CustomerBlocked(a, "riga 1\nriga 2 \"citata\" \\ è € 😀", At), Invited(a, Guid.NewGuid(), "luca@studio.it")];
        object[] second = [Company(b, "info@bar.it"), new CustomerEmailConfirmed(b, "info@bar.it", At), new CustomerBlocked(b, "Società «è»", At)];
        for (var i = 0; i < first.Length; i++)
        {
            await using var session = Session(store, i);
            Append(session, a, first[i]);
            if (i < second.Length)
            {
                Append(session, b, second[i]);
            }

            await session.SaveChangesAsync();
        }

        return (a, b);
    }

    public static async Task AppendAsync(IDocumentStore store, Guid customer, params object[] events)
    {
        await using var session = Session(store, 0);
        Append(session, customer, events);
        await session.SaveChangesAsync();
    }

    public static Task<EventChainReport> VerifyAsync(IDocumentStore store, Guid? stream = null) => new EventChainVerifier(store).VerifyAsync(stream);

    public static Task<long> SequenceAsync(string schema, Guid stream, long version) =>
        TestDatabase.ScalarAsync<long>($"SELECT seq_id FROM {schema}.mt_events WHERE stream_id = '{stream}' AND version = {version}");

    public static Task<long> LinksAsync(string schema) => TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {schema}.tunda_event_chain");

    private static IDocumentSession Session(IDocumentStore store, int i)
    {
        var session = store.LightweightSession();
        session.CorrelationId = $"corr-{i}";
        session.CausationId = $"cause-{i}";
        session.SetHeader("actor", new { id = "staff-1", kind = "staff" });
        session.SetHeader("ip", "10.0.0.1");
        return session;
    }

    private static void Append(IDocumentSession session, Guid customer, params object[] events)
    {
        if (events[0] is CustomerRegistered)
        {
            session.Events.StartStream<Customer>(customer, events);
        }
        else
        {
            session.Events.Append(customer, events);
        }
    }
}
