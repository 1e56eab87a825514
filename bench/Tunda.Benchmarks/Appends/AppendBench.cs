using Marten;

namespace Tunda.Benchmarks.Appends;

internal enum AppendSide
{
    /// <summary>Marten with Tunda's configuration: Quick append, notify on appends, the chain's trigger if installed.</summary>
    Marten,

    /// <summary>A hand-written Npgsql transaction: the stream row's version checked and moved, one multi-row INSERT.</summary>
    RawTransaction,

    /// <summary>The same transaction into the copy of the event table that carries the hash chain's trigger.</summary>
    RawTransactionChained,

    /// <summary>One autocommit multi-row INSERT: no stream table, no version check.</summary>
    PlainInsert,
}

/// <summary>
/// One schema for every append cell: Marten's tables and the raw tables side by side, every table
/// emptied before each measured side so that no side inherits another's bloat.
/// </summary>
internal sealed class AppendBench : IAsyncDisposable
{
    private AppendBench(BenchStore bench, RawEventTables raw)
    {
        Bench = bench;
        Raw = raw;
    }

    public BenchStore Bench { get; }

    public RawEventTables Raw { get; }

    public static async Task<AppendBench> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var bench = await BenchStore.CreateAsync(connectionString, null, cancellationToken);
        try
        {
            return new AppendBench(bench, await RawEventTables.CreateAsync(bench, cancellationToken));
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    public static string Describe(AppendSide side) => side switch
    {
        AppendSide.Marten => "Marten",
        AppendSide.RawTransaction => "raw tx",
        AppendSide.RawTransactionChained => "raw tx + chain",
        _ => "plain INSERT",
    };

    /// <summary>The sides in the order cell number <paramref name="turn"/> runs them: each cell starts with the next one.</summary>
    public static AppendSide[] Order(int turn)
    {
        var sides = Enum.GetValues<AppendSide>();
        return [.. sides.Skip(turn % sides.Length).Concat(sides.Take(turn % sides.Length))];
    }

    /// <summary>
    /// Measures one side: <paramref name="writers"/> writers, <paramref name="eventsPerAppend"/> events per
    /// transaction. <paramref name="store"/> replaces Tunda's store on the Marten side (a variant);
    /// <paramref name="sampler"/> samples the server's wait events over the measured window.
    /// </summary>
    public async Task<TimedRunResult> RunAsync(
        AppendSide side, int writers, int eventsPerAppend, BenchSettings settings, CancellationToken cancellationToken,
        IDocumentStore? store = null, WaitEventSampler? sampler = null)
    {
        await EmptyTablesAsync(cancellationToken);
        WriterFactory factory = side switch
        {
            AppendSide.Marten => (_, token) => MartenWriter.CreateAsync(store ?? Bench.Store, eventsPerAppend, token),
            AppendSide.RawTransaction => (_, token) => Raw.VersionCheckedWriterAsync(eventsPerAppend, chained: false, token),
            AppendSide.RawTransactionChained => (_, token) => Raw.VersionCheckedWriterAsync(eventsPerAppend, chained: true, token),
            _ => (_, _) => Task.FromResult(Raw.PlainInsertWriter(eventsPerAppend)),
        };
        return await TimedRun.RunAsync(writers, factory, settings.Warmup, settings.Duration, Bench.DataSource, cancellationToken, sampler is null ? null : sampler.Window);
    }

    public ValueTask DisposeAsync() => Bench.DisposeAsync();

    private Task EmptyTablesAsync(CancellationToken cancellationToken) => Bench.ExecuteAsync("""
        DO $$ BEGIN
            EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ')
                     FROM pg_tables WHERE schemaname = '{schema}' AND tablename <> 'mt_event_progression');
        END $$
        """, cancellationToken);
}
