using System.Text.Json;
using Tunda.EventStore;

namespace Tunda.Benchmarks;

/// <summary>An invoice line, shaped like the domain's events: ids, a description, money, a time.</summary>
internal sealed record InvoiceLineAdded(
    Guid AccountId,
    int Line,
    string Sku,
    string Description,
    decimal Quantity,
    decimal UnitPrice,
    string Currency,
    DateTimeOffset At);

/// <summary>What the benchmark projection and fold keep per stream.</summary>
internal sealed record LineTotals(int Lines, decimal Total, int LastLine)
{
    public static LineTotals Empty { get; } = new(0, 0m, 0);

    public LineTotals Apply(object e) => e is InvoiceLineAdded line
        ? new LineTotals(Lines + 1, Total + (line.Quantity * line.UnitPrice), line.Line)
        : this;
}

/// <summary>The events, metadata and store settings every measurement shares.</summary>
internal static class Workload
{
    public const string StreamType = "bench-account";
    public const string EventAlias = "bench.invoice_line_added";

    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The store's default serializer settings, so raw inserts carry payloads of the same size.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>What a portal request stores with its events.</summary>
    public static EventMetadata Metadata { get; } = new()
    {
        CorrelationId = Guid.Parse("0195a3c2-7f3e-7d41-9b8a-1c2d3e4f5a6b"),
        CausationId = Guid.Parse("0195a3c2-7f3e-7d41-9b8a-6b5a4f3e2d1c"),
        Actor = new Actor("customer:4821", ActorKind.Customer),
        ClientIp = "203.0.113.48",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    };

    public static string MetadataJson { get; } = JsonSerializer.Serialize(Metadata, Json);

    public static void Register(EventStoreOptions options) => options.Events.Register<InvoiceLineAdded>(EventAlias);

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

    /// <summary>Serialized size of a typical payload, for the report.</summary>
    public static int PayloadBytes => JsonSerializer.SerializeToUtf8Bytes(Event(Guid.NewGuid(), 1234), Json).Length;
}
