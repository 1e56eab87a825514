using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Tunda.EventStore.Daemon;

/// <summary>
/// Runs every async projection of a store in this process. Several processes may run daemons on
/// one database: each projection is owned by one of them at a time, and a standby takes over when
/// the owner's connection goes away. Wakes on commits in this process, on NOTIFY from others, and
/// polls as a fallback.
/// </summary>
public sealed class ProjectionDaemon : IAsyncDisposable
{
    private readonly EventStore _store;
    private readonly DaemonOptions _options;
    private readonly List<ProjectionAgent> _agents;
    private readonly string _dedicatedConnectionString;
    private readonly ILogger _logger;
    private CancellationTokenSource? _stop;
    private List<Task> _running = [];

    public ProjectionDaemon(EventStore store, DaemonOptions? options = null, ILogger<ProjectionDaemon>? logger = null)
    {
        _store = store;
        _options = options ?? new DaemonOptions();
        _logger = logger ?? NullLogger<ProjectionDaemon>.Instance;

        // Lock and listen connections must not come from the pool: a session advisory lock lives as
        // long as its connection, and a pooled connection outlives the agent that took it. Built from the
        // configured string: a data source's own string has the password removed.
        _dedicatedConnectionString = new NpgsqlConnectionStringBuilder(store.Options.ConnectionString) { Pooling = false, KeepAlive = 5, ApplicationName = $"tunda-daemon {store.Options.NodeName}" }.ConnectionString;
        var highWaterMark = new HighWaterMark(store.DataSource, store.Schema);
        _agents = store.Options.Projections.Async
            .Select(p => new ProjectionAgent(store, p, highWaterMark, _options, _dedicatedConnectionString, _logger))
            .ToList();
    }

    /// <summary>Names of the projections this daemon currently owns.</summary>
    public IReadOnlyList<string> Owned => _agents.Where(a => a.IsOwner).Select(a => a.Name).ToList();

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_stop is not null)
        {
            throw new InvalidOperationException("The daemon is already running.");
        }

        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _stop.Token;
        _store.Committed += OnCommitted;
        _store.Admin.Changed += OnCommitted;
        _running = [.. _agents.Select(a => Task.Run(() => a.RunAsync(token), CancellationToken.None)), Task.Run(() => ListenAsync(token), CancellationToken.None)];
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        var stop = Interlocked.Exchange(ref _stop, null);
        if (stop is null)
        {
            return;
        }

        _store.Committed -= OnCommitted;
        _store.Admin.Changed -= OnCommitted;
        await stop.CancelAsync();
        await Task.WhenAll(_running);
        stop.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void OnCommitted(long sequence)
    {
        foreach (var agent in _agents)
        {
            agent.Wake.Set();
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_dedicatedConnectionString);
                await connection.OpenAsync(cancellationToken);
                connection.Notification += (_, _) => OnCommitted(0);
                await using (var listen = new NpgsqlCommand($"LISTEN {_store.Sql.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                // Polling covers the gap until the listener is back.
                DaemonLog.ListenerLost(_logger, ex.Message);
                try
                {
                    await Task.Delay(_options.ReconnectDelay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
