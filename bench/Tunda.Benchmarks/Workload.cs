using Marten;

namespace Tunda.Benchmarks;

/// <summary>An invoice line, shaped like the domain's events: ids, a description, money, a time.</summary>
public sealed record InvoiceLineAdded(
    Guid AccountId,
    int Line,
    string Sku,
    string Description,
    decimal Quantity,
    decimal UnitPrice,
    string Currency,
    DateTimeOffset At);

/// <summary>The events and metadata every measurement writes, the way a portal request stores them.</summary>
internal static class Workload
{
    /// <summary>The stored name of the benchmark's event (Tunda's own events have pinned snake_case names too).</summary>
    public const string EventName = "bench_invoice_line_added";

    public const string CorrelationId = "0195a3c2-7f3e-7d41-9b8a-1c2d3e4f5a6b";
    public const string CausationId = "0195a3c2-7f3e-7d41-9b8a-6b5a4f3e2d1c";

    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Actor, client IP and user agent: what Tunda puts in every event's headers.</summary>
    public static IReadOnlyDictionary<string, object> Headers { get; } = new Dictionary<string, object>
    {
        ["actorId"] = "customer:4821",
        ["actorKind"] = "customer",
        ["clientIp"] = "203.0.113.48",
        ["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    };

    public static void Register(StoreOptions options) => options.Events.MapEventType<InvoiceLineAdded>(EventName);

    /// <summary>A session carrying the request's correlation, causation and headers, as Tunda's handlers open it.</summary>
    public static IDocumentSession OpenSession(IDocumentStore store)
    {
        var session = store.LightweightSession();
        session.CorrelationId = CorrelationId;
        session.CausationId = CausationId;
        foreach (var (key, value) in Headers)
        {
            session.SetHeader(key, value);
        }

        return session;
    }

    public static InvoiceLineAdded Event(Guid accountId, int line) => new(
        accountId,
        line,
        $"HOST-LNX-{line % 7}",
        "Hosting Linux Pro 25 GB, rinnovo annuale con dominio .it incluso",
        1 + (line % 3),
        119.90m + (line % 5),
        "EUR",
        Epoch.AddSeconds(line));

    /// <summary>Events <paramref name="firstLine"/> .. firstLine + count - 1 of an account.</summary>
    public static object[] Events(Guid accountId, int firstLine, int count)
    {
        var events = new object[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = Event(accountId, firstLine + i);
        }

        return events;
    }
}
