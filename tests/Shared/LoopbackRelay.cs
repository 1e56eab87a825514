using System.Net;
using System.Net.Sockets;

namespace Tunda.Testing;

/// <summary>
/// Forwards every connection made to <see cref="Port"/> on 127.0.0.1 to a server on this machine, and can cut
/// them all at once or fall silent: a connection dropped by the network, as a client sees it.
/// </summary>
public sealed class LoopbackRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly Lock _gate = new();
    private readonly List<Socket> _open = [];
    private volatile bool _blackHole;

    public LoopbackRelay(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>From now on every byte is swallowed and the connections stay open: a peer gone without a word.</summary>
    public void SwallowEverything() => _blackHole = true;

    /// <summary>Resets every open connection (both sides); new connections are relayed as before.</summary>
    public void DropAll()
    {
        Socket[] open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var socket in open)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(_host, _port);
            lock (_gate)
            {
                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer)) > 0)
            {
                if (!_blackHole)
                {
                    await to.SendAsync(buffer.AsMemory(0, read));
                }
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Dropped on purpose, or the other side went away: the relay of this connection ends.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        DropAll();
    }
}
