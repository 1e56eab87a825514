using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tunda.Web.Tests;

/// <summary>
/// A TCP relay between an app and the test PostgreSQL, so a test can take "the database" away from a
/// running app: <see cref="CutAsync"/> closes every relayed connection and refuses new ones.
/// </summary>
internal sealed class HealthDatabaseProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _cut = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private readonly string _targetHost;
    private readonly int _targetPort;

    public HealthDatabaseProxy()
    {
        var target = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
        _targetHost = target.Host!;
        _targetPort = target.Port;
        _listener.Start();
        ConnectionString = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port,
            Timeout = 3,
            Pooling = false,
        }.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The test database, reached through this relay.</summary>
    public string ConnectionString { get; }

    public async Task CutAsync()
    {
        await _cut.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        await _accepting;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_cut.IsCancellationRequested)
        {
            await CutAsync();
        }

        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_cut.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new TcpClient();
            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(server);
            }

            _ = RelayAsync(client, server);
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient server)
    {
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _cut.Token);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), _cut.Token),
                server.GetStream().CopyToAsync(client.GetStream(), _cut.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Cut, or one side hung up: the other side is closed below.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
