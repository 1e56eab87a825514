using System.Globalization;
using System.Text.Json;
using Npgsql;
using Tunda.EventStore.Projections;

namespace Tunda.EventStore;

/// <summary>
/// Writes one unit of work in one round trip: the opening statement, one <c>append_stream</c> call
/// per stream in stream id order (which locks, checks, draws sequence numbers and inserts), and the
/// closing statement, pipelined. Inline projections, when there are any, run before the close. The
/// hash chain is computed there too, from jsonb's canonical text (see <see cref="Integrity.EventHash"/>).
/// </summary>
internal sealed class AppendWriter(EventStore store, EventMetadata metadata)
{
    private const string ConcurrencyState = "TU001";
    private const string ArchivedState = "TU002";

    public async Task<AppendResult> WriteAsync(NpgsqlConnection connection, TransactionScope scope, IReadOnlyList<PendingStream> streams, CancellationToken cancellationToken)
    {
        var metadataJson = JsonSerializer.Serialize(metadata, store.Options.Json);
        var appends = streams.Select(s => new StreamAppend(s, s.Events.Select(Serialize).ToList())).ToList();
        var inline = store.Options.Projections.Inline;
        var implicitTransaction = scope.CanRunImplicitly(moreStatementsFollow: inline.Count > 0);

        await using var batch = new NpgsqlBatch(connection, scope.External);
        if (!implicitTransaction)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(scope.Open));
        }

        foreach (var append in appends)
        {
            batch.BatchCommands.Add(append.Command(store.Sql.AppendStream, metadataJson));
        }

        if (inline.Count == 0 && !implicitTransaction)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(scope.Close));
        }

        var reached = 0;
        try
        {
            var events = new List<StreamEvent>();
            var versions = new Dictionary<Guid, long>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                for (var i = 0; i < appends.Count; i++)
                {
                    // A failing call surfaces when its result is reached: remember which one that is.
                    reached = i;
                    if (i > 0)
                    {
                        await reader.NextResultAsync(cancellationToken);
                    }

                    await reader.ReadAsync(cancellationToken);
                    versions[appends[i].Stream.Id] = reader.GetInt64(1);
                    events.AddRange(appends[i].ToStreamEvents(reader.GetFieldValue<long[]>(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), metadata));
                }
            }

            events.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            if (inline.Count > 0)
            {
                var context = new ProjectionContext(connection, scope.External, store.Schema);
                foreach (var projection in inline)
                {
                    await projection.ApplyAsync(context, events, cancellationToken);
                }

                await using var close = new NpgsqlCommand(scope.Close, connection, scope.External);
                await close.ExecuteNonQueryAsync(cancellationToken);
            }

            return new AppendResult(events, versions);
        }
        catch (Exception ex) when (connection.State == System.Data.ConnectionState.Open)
        {
            // An implicit transaction was rolled back by the server with the failing statement.
            if (!implicitTransaction)
            {
                await UndoAsync(connection, scope);
            }

            throw Translate(ex, appends[reached].Stream);
        }
    }

    private SerializedEvent Serialize(object e)
    {
        var registration = store.Options.Events.For(e.GetType());
        return new SerializedEvent(Guid.CreateVersion7(), e, registration.Alias, registration.SchemaVersion, JsonSerializer.Serialize(e, e.GetType(), store.Options.Json));
    }

    private static Exception Translate(Exception error, PendingStream stream) => error switch
    {
        PostgresException { SqlState: ConcurrencyState } conflict => new ConcurrencyException(
            stream.Id,
            stream.Expected,
            long.TryParse(conflict.MessageText, NumberStyles.None, CultureInfo.InvariantCulture, out var actual) ? actual : null),
        PostgresException { SqlState: ArchivedState } => new StreamArchivedException(stream.Id),
        _ => error,
    };

    // Best effort: if the failure came after the close went through, there is nothing to undo, and
    // the original exception is the one worth reporting.
    private static async Task UndoAsync(NpgsqlConnection connection, TransactionScope scope)
    {
        try
        {
            await using var undo = new NpgsqlCommand(scope.Undo, connection, scope.External);
            await undo.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (PostgresException)
        {
        }
    }
}
