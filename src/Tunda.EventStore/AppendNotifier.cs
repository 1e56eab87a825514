using System.Threading.Channels;
using Npgsql;

namespace Tunda.EventStore;

/// <summary>
/// Tells other processes' daemons that events were committed. NOTIFY inside the append transaction
/// would serialise every commit on PostgreSQL's notify-queue lock, so appends only raise a flag
/// here and one background loop sends at most one NOTIFY per round trip, outside any append.
/// </summary>
internal sealed class AppendNotifier : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public AppendNotifier(NpgsqlDataSource dataSource, string channel)
    {
        _dataSource = dataSource;
        _channel = channel;
    }

    public void Signal()
    {
        _loop ??= Task.Run(RunAsync);
        _signals.Writer.TryWrite(true);
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _signals.Reader.WaitToReadAsync(_stop.Token))
            {
                _signals.Reader.TryRead(out _);
                try
                {
                    await using var command = _dataSource.CreateCommand("SELECT pg_notify($1, '')");
                    command.Parameters.Add(new() { Value = _channel });
                    await command.ExecuteNonQueryAsync(_stop.Token);
                }
                catch (NpgsqlException)
                {
                    // A lost wake-up only costs latency: daemons also poll.
                    await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _signals.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }
}
