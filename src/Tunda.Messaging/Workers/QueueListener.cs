using Npgsql;

namespace Tunda.Messaging.Workers;

/// <summary>
/// LISTENs on the queue's channel on a connection of its own and wakes the worker when another
/// bus (usually another process) committed messages. A dropped connection is reopened; meanwhile
/// the worker's polling covers the gap.
/// </summary>
internal sealed class QueueListener(string connectionString, string channel, string ownSender, Action wake)
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        KeepAlive = 5,
        ApplicationName = "tunda-queue-listener",
    }.ConnectionString;

    /// <summary>Opens the connection and LISTENs, so the caller knows it hears from the moment this returns.</summary>
    public async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.Notification += (_, e) =>
            {
                // This bus's own workers were already woken in-process when it committed.
                if (e.Payload != ownSender)
                {
                    wake();
                }
            };
            await using var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for notifications on <paramref name="connection"/> (then on fresh ones) until cancelled.</summary>
    public async Task RunAsync(NpgsqlConnection? connection, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                connection ??= await ListenAsync(cancellationToken);

                // A wake-up may have been missed while reconnecting: look once now.
                wake();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                await DisposeAsync(connection);
                connection = null;
                try
                {
                    await Task.Delay(ReconnectDelay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await DisposeAsync(connection);
    }

    private static async Task DisposeAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
