using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tunda.Testing;

/// <summary>
/// A real SMTP server on 127.0.0.1 and a random port for tests: EHLO, STARTTLS (self-signed certificate),
/// AUTH PLAIN/LOGIN, MAIL/RCPT/DATA/RSET/NOOP/QUIT. It keeps every message it accepts and can be told
/// to answer a command with a failure.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedMail> _received = [];
    private readonly Dictionary<string, string> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _acceptLoop;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="offerStartTls">Advertise STARTTLS in EHLO.</param>
    /// <param name="implicitTls">TLS from the first byte (like port 465).</param>
    /// <param name="username">When set, AUTH is offered and required before MAIL.</param>
    /// <param name="authMechanisms">What EHLO advertises after "AUTH".</param>
    public LoopbackSmtpServer(bool offerStartTls = false, bool implicitTls = false, string? username = null, string? password = null, string authMechanisms = "PLAIN LOGIN")
    {
        OfferStartTls = offerStartTls;
        ImplicitTls = implicitTls;
        Username = username;
        Password = password;
        AuthMechanisms = authMechanisms;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Reloaded from PKCS#12 so the private key is usable by SslStream on every platform.
        Certificate = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pkcs12), null);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string Host => "127.0.0.1";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool OfferStartTls { get; }

    public bool ImplicitTls { get; }

    public string? Username { get; }

    public string? Password { get; }

    public string AuthMechanisms { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>For a client's validation callback: trusts exactly this server's certificate.</summary>
    public bool IsOwnCertificate(X509Certificate? certificate) => certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString();

    public IReadOnlyList<ReceivedMail> Received
    {
        get { lock (_received) { return [.. _received]; } }
    }

    /// <summary>From now on, answer <paramref name="verb"/> (e.g. "RCPT", "DATA" for the end of data) with <paramref name="reply"/>.</summary>
    public void Fail(string verb, string reply)
    {
        lock (_failures) { _failures[verb] = reply; }
    }

    /// <summary>From now on, answer <paramref name="verb"/> normally again (the server is back).</summary>
    public void Recover(string verb)
    {
        lock (_failures) { _failures.Remove(verb); }
    }

    public async Task<ReceivedMail> WaitForMessageAsync(Func<ReceivedMail, bool>? match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task arrived;
            lock (_received)
            {
                if (_received.FirstOrDefault(m => match?.Invoke(m) ?? true) is { } found)
                {
                    return found;
                }

                arrived = _arrived.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(arrived, Task.Delay(left)) != arrived)
            {
                throw new TimeoutException($"No matching message reached the loopback SMTP server within {timeout} ({Received.Count} received).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
        Certificate.Dispose();
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                sessions.Add(ServeAsync(client));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        Stream stream = client.GetStream();
        try
        {
            if (ImplicitTls)
            {
                stream = await SecureAsync(stream);
            }

            await new LoopbackSmtpSession(this, stream).RunAsync(_stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client hung up or the test ended: nothing to record.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    internal async Task<SslStream> SecureAsync(Stream stream)
    {
        var ssl = new SslStream(stream);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, _stop.Token);
        return ssl;
    }

    internal string? FailureFor(string verb)
    {
        lock (_failures) { return _failures.GetValueOrDefault(verb); }
    }

    internal void Accept(ReceivedMail mail)
    {
        lock (_received)
        {
            _received.Add(mail);
            _arrived.TrySetResult();
            _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
