using System.Globalization;
using Marten;
using Npgsql;
using Tunda.Projections.Store;
using Tunda.Web.Configuration;

namespace Tunda.Web.Features.Audit;

/// <summary>
/// <c>Tunda.Web audit verify [stream-id]</c>: recomputes every event's link in the per-stream hash
/// chain and names each stream's first broken link. Reads only; never migrates the schema.
/// Exit codes: 0 intact, 1 a break was found or the store could not be read, 2 usage.
/// </summary>
public static class AuditCommand
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int Usage = 2;

    public const string UsageText = """
        usage: audit verify              check every stream's hash chain
               audit verify <stream-id>  check one stream
        """;

    /// <summary>Runs one verb. <paramref name="configure"/> lets tests point it at their schema.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure = null)
    {
        Guid? stream = args switch
        {
            ["verify"] => null,
            ["verify", var text] when Guid.TryParse(text, out var id) => id,
            _ => Guid.Empty,
        };
        if (stream == Guid.Empty)
        {
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        var builder = CommandHost.CreateBuilder(configure);
        try
        {
            var database = DatabaseOptions.From(builder.Configuration);
            await using var store = DocumentStore.For(options => TundaStore.Configure(options, new TundaStoreSettings(database.ConnectionString, database.Schema)));
            var report = await new EventChainVerifier(store).VerifyAsync(stream);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{report.StreamsChecked} streams, {report.EventsChecked} events checked"));
            foreach (var broken in report.Breaks)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"BROKEN stream {broken.StreamId} at version {broken.Version} (sequence {broken.Sequence}): {broken.Reason}"));
            }

            await output.WriteLineAsync(report.IsIntact ? "intact" : $"{report.Breaks.Count} stream(s) broken");
            return report.IsIntact ? Intact : Broken;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            await error.WriteLineAsync($"audit: {ex.Message}");
            return Broken;
        }
    }
}
