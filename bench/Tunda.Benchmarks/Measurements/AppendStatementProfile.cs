using System.Diagnostics;
using System.Globalization;
using Tunda.Benchmarks.Appends;
using Tunda.Benchmarks.Results;

namespace Tunda.Benchmarks.Measurements;

/// <summary>
/// One writer's appends of 10 events with the server's statements timed by auto_explain: first the
/// statements the client sends (Marten with and without the chain's trigger, and the raw
/// transaction) next to the client's time per append; then, with the chain on, every statement the
/// append function and its triggers run.
/// </summary>
internal static class AppendStatementProfile
{
    private const int Events = AppendThroughput.TargetEvents;
    private const int Unmeasured = 5;

    public static async Task RunAsync(AppendBench bench, BenchSettings settings, ResultsReport report, CancellationToken cancellationToken)
    {
        var appends = settings.ProfileAppends;
        var chain = bench.Bench.ChainInstalled;
        var topLevel = new ExplainedStatements(nested: false);
        var table = new MarkdownTable("side", "client ms / append (median)", "server ms / append in statements", "statements the client sent (calls / append, ms / append)");
        var runs = new List<(string Side, bool ChainOff, bool Raw)> { ("Marten" + (chain ? ", chain on" : string.Empty), false, false) };
        if (chain)
        {
            runs.Add(("Marten, chain trigger disabled", true, false));
        }

        runs.Add(("raw tx", false, true));
        foreach (var (side, chainOff, raw) in runs)
        {
            if (chainOff)
            {
                await bench.Bench.SetChainTriggerAsync(false, cancellationToken);
            }

            try
            {
                var (client, costs) = await ExplainAsync(bench, topLevel, raw, appends, cancellationToken);
                var statements = string.Join("; ", costs.Select(c => $"`{c.Statement}` {Stats.Short((double)c.Calls / appends)} × {Ms(c.Milliseconds / appends)}"));
                table.Add(side, Ms(client), Ms(costs.Sum(c => c.Milliseconds) / appends), statements);
                Console.WriteLine($"append statements, {side}: client {client:0.000} ms, server {costs.Sum(c => c.Milliseconds) / appends:0.000} ms per append");
            }
            finally
            {
                await bench.Bench.SetChainTriggerAsync(true, CancellationToken.None);
            }
        }

        report.AddSection(AppendThroughput.Title + ": one writer's append, statement by statement", $"""
            One writer, {appends} appends of {Events} events each (after {Unmeasured} unmeasured), with `auto_explain` loaded for these connections only
            (a superuser setting: bench-only) and each plan sent back as a notice, read from Npgsql's log. *server ms in statements* = the
            statements the client sent, as the server timed them; the rest of the client's time is round trips, `BEGIN`/`COMMIT` (with the
            commit's WAL flush and, for Marten, the NOTIFY queue) and client CPU. A NOTIFY is queued by the `DO` block Marten adds to every
            append (a utility statement: auto_explain sees only the `pg_notify` inside it, in the table below).
            """, table);

        await NestedAsync(bench, appends, report, cancellationToken);
    }

    private static async Task NestedAsync(AppendBench bench, int appends, ResultsReport report, CancellationToken cancellationToken)
    {
        var nested = new ExplainedStatements(nested: true);
        var table = new MarkdownTable("side", "statement", "calls / append", "ms / append", "of which triggers, ms / append");
        foreach (var raw in new[] { false, true })
        {
            var (_, costs) = await ExplainAsync(bench, nested, raw, appends, cancellationToken);
            foreach (var cost in costs.Where(c => c.Milliseconds / appends >= 0.001))
            {
                var triggers = string.Join(", ", cost.TriggerMilliseconds.Select(t => $"{t.Key} {Ms(t.Value / appends)}"));
                table.Add(raw ? "raw tx" : "Marten", $"`{cost.Statement}`", Stats.Short((double)cost.Calls / appends), Ms(cost.Milliseconds / appends), triggers);
            }
        }

        report.AddSection(AppendThroughput.Title + ": inside the append, every nested statement", $"""
            The same, with nested statements and triggers explained too (per-node timing on): what `mt_quick_append_events` runs for
            {Events} events, and what each row trigger runs. Each explained statement's own logging (a notice per statement) is counted in
            its caller's time, so trigger times are inflated by the statements they run; read calls and shares, not absolute times.
            """, table);
    }

    /// <summary>Client median ms per append and the explained statements of <paramref name="appends"/> appends.</summary>
    private static async Task<(double ClientMs, IReadOnlyList<StatementCost> Costs)> ExplainAsync(
        AppendBench bench, ExplainedStatements explained, bool raw, int appends, CancellationToken cancellationToken)
    {
        await using var dataSource = explained.CreateDataSource(bench.Bench.ConnectionString);
        var step = raw
            ? await bench.Raw.Using(dataSource).VersionCheckedWriterAsync(Events, chained: false, cancellationToken)
            : await MartenWriter.CreateAsync(bench.Bench.Variant(o => o.ConfigureNpgsqlDataSourceBuilder(explained.Configure)), Events, cancellationToken);
        for (var i = 0; i < Unmeasured; i++)
        {
            await step(cancellationToken);
        }

        explained.Clear();
        var times = new double[appends];
        for (var i = 0; i < appends; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await step(cancellationToken);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return (Stats.Median(times), explained.Costs(bench.Bench.Schema));
    }

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
