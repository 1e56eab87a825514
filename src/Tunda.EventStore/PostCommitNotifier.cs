using System.Threading.Channels;
using Npgsql;

namespace Tunda.EventStore;

/// <summary>
/// Tells other processes that something was committed (events for projection daemons, messages for
/// queue workers). NOTIFY inside the committing transaction would serialise every commit on
/// PostgreSQL's notify-queue lock, so commits only raise a flag here and one loop on its own
/// connection sends at most one NOTIFY per <see cref="Coalesce"/>. A NOTIFY takes a transaction id,
/// so that connection commits asynchronously: a lost wake-up only costs latency, listeners also poll.
/// </summary>
public sealed class PostCommitNotifier : IAsyncDisposable
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(20);

    // On dispose, a signal still pending (a CLI replay, a publish just before shutdown) gets this long to go out.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly string _connectionString;
    private readonly string _channel;
    private readonly string _sender;
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Task? _loop;
    private bool _disposed;

    /// <param name="sender">Sent as the payload, so the sender's own listeners can skip it.</param>
    /// <param name="applicationName">Names the notifier's connection in pg_stat_activity.</param>
    public PostCommitNotifier(string connectionString, string channel, string sender, string applicationName)
    {
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = applicationName,
            Options = "-c synchronous_commit=off",
        }.ConnectionString;
        _channel = channel;
        _sender = sender;
    }

    public void Signal()
    {
        if (_loop is null)
        {
            lock (_startLock)
            {
                if (_disposed)
                {
                    return;
                }

                _loop ??= Task.Run(RunAsync);
            }
        }

        _signals.Writer.TryWrite(true);
    }

    private async Task RunAsync()
    {
        NpgsqlConnection? connection = null;
        try
        {
            while (await _signals.Reader.WaitToReadAsync(_stop.Token))
            {
                _signals.Reader.TryRead(out _);
                try
                {
                    connection ??= await OpenAsync();
                    await using var command = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
                    command.Parameters.Add(new() { Value = _channel });
                    command.Parameters.Add(new() { Value = _sender });
                    await command.ExecuteNonQueryAsync(_stop.Token);
                    await Task.Delay(Coalesce, _stop.Token);
                }
                catch (NpgsqlException)
                {
                    await DisposeConnectionAsync(connection);
                    connection = null;
                    await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            await DisposeConnectionAsync(connection);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(_stop.Token);
        return connection;
    }

    private static async Task DisposeConnectionAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_startLock)
        {
            _disposed = true;
        }

        // Completing (not cancelling) lets the loop send what is pending, then end by itself.
        _signals.Writer.TryComplete();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(DrainTimeout);
            }
            catch (TimeoutException)
            {
                await _stop.CancelAsync();
                await _loop;
            }
        }

        _stop.Dispose();
    }
}
