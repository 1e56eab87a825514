using System.Text.Json;
using Npgsql;
using Tunda.EventStore;

namespace Tunda.Messaging.Workers;

/// <summary>
/// Handles one claimed row: runs its handler in a unit of work that also deletes the row, and on
/// failure schedules a retry after the message type's backoff or moves it to the dead letters.
/// </summary>
internal sealed class ClaimedMessageHandler(MessageBus bus, QueueRows rows, string nodeName, AsyncSignal wake)
{
    public async Task HandleAsync(ClaimedMessage claimed, CancellationToken cancellationToken)
    {
        Type? type = null;
        try
        {
            var message = bus.Options.Messages.Deserialize(claimed.Type, claimed.Body, bus.Options.Json);
            type = message.GetType();
            var metadata = JsonSerializer.Deserialize<EventMetadata>(claimed.Metadata, bus.Options.Json) ?? EventMetadata.SystemDefault;
            var result = await bus.Invoker.RunAsync(
                message,
                claimed.Id,
                metadata,
                (work, token) => rows.TakeAsync(work.Connection, work.Transaction, claimed.Id, nodeName, token),
                cancellationToken);
            if (result is { Status: InvokeStatus.Conflict })
            {
                // The stream kept moving (or the message named a stale version): try again later.
                await FailAsync(claimed, type, new InvalidOperationException($"Conflict: {result.Error?.Message}"), cancellationToken);
            }
            else if (result is { Status: InvokeStatus.Rejected })
            {
                // A refusal will not change on retry: park it where staff can see it.
                await using var connection = await bus.Store.DataSource.OpenConnectionAsync(cancellationToken);
                await rows.DeadLetterAsync(connection, claimed.Id, nodeName, $"Rejected: {result.Error?.Code}: {result.Error?.Message}", cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not NpgsqlException || ex is PostgresException)
        {
            await FailAsync(claimed, type, ex, cancellationToken);
        }
    }

    private async Task FailAsync(ClaimedMessage claimed, Type? type, Exception error, CancellationToken cancellationToken)
    {
        var policy = type is null ? bus.Options.DefaultRetry : bus.Options.RetryFor(type);
        var attempt = claimed.Attempts + 1;
        await using var connection = await bus.Store.DataSource.OpenConnectionAsync(cancellationToken);
        if (attempt >= policy.MaxAttempts)
        {
            await rows.DeadLetterAsync(connection, claimed.Id, nodeName, error.ToString(), cancellationToken);
        }
        else
        {
            await rows.RetryLaterAsync(connection, claimed.Id, nodeName, error.ToString(), policy.DelayAfter(attempt), cancellationToken);
            wake.Set();
        }
    }
}
