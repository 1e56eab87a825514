using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tunda.Projections.Store;

namespace Tunda.Benchmarks.Appends;

/// <summary>One statement shape: how often it ran and its server time (nested statements are also inside their caller's time).</summary>
internal sealed record StatementCost(string Statement, int Calls, double Milliseconds, IReadOnlyDictionary<string, double> TriggerMilliseconds);

/// <summary>
/// Server time per statement without pg_stat_statements: connections set up by <see cref="Configure"/>
/// load <c>auto_explain</c> for their session (a superuser setting, so a bench-only trick) with
/// nested statements, triggers and ANALYZE on, and have each plan sent back as a NOTICE, which is
/// collected here. So the statements inside Marten's append function, and inside the chain's trigger,
/// are timed one by one.
/// </summary>
internal sealed partial class ExplainedStatements(bool nested)
{
    private readonly ConcurrentQueue<string> _notices = new();

    /// <summary>Whether statements run by functions and triggers are explained too (each explained statement adds its logging to its caller's time).</summary>
    public bool Nested => nested;

    public NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(TundaStore.InUtc(connectionString));
        Configure(builder);
        return builder.Build();
    }

    /// <summary>Makes <paramref name="builder"/>'s connections explain every statement into this collector.</summary>
    public void Configure(NpgsqlDataSourceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConnectionStringBuilder.Options = string.Join(' ',
            "-c session_preload_libraries=auto_explain",
            "-c auto_explain.log_min_duration=0",
            "-c auto_explain.log_analyze=on",
            $"-c auto_explain.log_timing={(nested ? "on" : "off")}",
            $"-c auto_explain.log_triggers={(nested ? "on" : "off")}",
            $"-c auto_explain.log_nested_statements={(nested ? "on" : "off")}",
            "-c auto_explain.log_format=json",
            "-c auto_explain.log_level=notice");

        // Npgsql raises Notice on whichever NpgsqlConnection holds the physical connection at the time
        // (Marten's own, for Marten); its log sees every notice of every connection of the data source.
        builder.UseLoggerFactory(new NoticeLog(_notices));
    }

    public void Clear() => _notices.Clear();

    /// <summary>Every statement shape seen since <see cref="Clear"/>, most expensive first; <paramref name="schema"/> is shown as {schema}.</summary>
    public IReadOnlyList<StatementCost> Costs(string schema)
    {
        var costs = new Dictionary<string, (int Calls, double Ms, Dictionary<string, double> Triggers)>(StringComparer.Ordinal);
        foreach (var notice in _notices)
        {
            var match = PlanNotice().Match(notice);
            if (!match.Success)
            {
                continue;
            }

            using var plan = JsonDocument.Parse(match.Groups["plan"].Value);
            var root = plan.RootElement;
            var key = Shape(root.GetProperty("Query Text").GetString() ?? string.Empty, schema);
            var entry = costs.TryGetValue(key, out var found) ? found : (Calls: 0, Ms: 0d, Triggers: new Dictionary<string, double>(StringComparer.Ordinal));
            entry.Calls++;
            entry.Ms += double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture);
            if (root.TryGetProperty("Triggers", out var triggers))
            {
                foreach (var trigger in triggers.EnumerateArray())
                {
                    var name = trigger.GetProperty("Trigger Name").GetString() ?? "?";
                    name = name.StartsWith("RI_ConstraintTrigger", StringComparison.Ordinal) ? "foreign key check" : name;
                    entry.Triggers[name] = entry.Triggers.GetValueOrDefault(name) + trigger.GetProperty("Time").GetDouble();
                }
            }

            costs[key] = entry;
        }

        return [.. costs.Select(c => new StatementCost(c.Key, c.Value.Calls, c.Value.Ms, c.Value.Triggers)).OrderByDescending(c => c.Milliseconds)];
    }

    /// <summary>The statement with whitespace collapsed, its schema named generically, cut after its target.</summary>
    private static string Shape(string query, string schema)
    {
        var text = Whitespace().Replace(query, " ").Trim().Replace(schema, "{schema}", StringComparison.Ordinal);
        var cut = text.IndexOf('(', StringComparison.Ordinal);
        var shaped = cut > 0 && cut < 90 ? text[..cut] + "(…)" : text;
        return shaped.Length > 90 ? shaped[..90] + "…" : shaped;
    }

    [GeneratedRegex(@"^duration: (?<ms>[0-9.]+) ms\s+plan:\s*(?<plan>\{.*\})\s*$", RegexOptions.Singleline)]
    private static partial Regex PlanNotice();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Npgsql's log, keeping only the text of the notices it received ("Received notice: …" at Debug).</summary>
    private sealed class NoticeLog(ConcurrentQueue<string> notices) : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "NoticeText").Value is string text)
            {
                notices.Enqueue(text);
            }
        }

        public void Dispose()
        {
        }
    }
}
