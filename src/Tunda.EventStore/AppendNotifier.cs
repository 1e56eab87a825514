using System.Threading.Channels;
using Npgsql;

namespace Tunda.EventStore;

/// <summary>
/// Tells other processes' daemons that events were committed. NOTIFY inside the append transaction
/// would serialise every commit on PostgreSQL's notify-queue lock, so appends only raise a flag
/// here, and one loop on its own connection sends at most one NOTIFY per <see cref="Coalesce"/>.
/// A NOTIFY takes a transaction id, so that connection commits asynchronously: a lost wake-up only
/// costs latency, because daemons also poll.
/// </summary>
internal sealed class AppendNotifier : IAsyncDisposable
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(20);
    private readonly string _connectionString;
    private readonly string _channel;
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Task? _loop;

    public AppendNotifier(string connectionString, string channel)
    {
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = "tunda-notifier",
            Options = "-c synchronous_commit=off",
        }.ConnectionString;
        _channel = channel;
    }

    public void Signal()
    {
        if (_loop is null)
        {
            lock (_startLock)
            {
                if (_stop.IsCancellationRequested)
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
                    await using var command = new NpgsqlCommand("SELECT pg_notify($1, '')", connection);
                    command.Parameters.Add(new() { Value = _channel });
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
            _stop.Cancel();
        }

        _signals.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }
}
