using System.Net.Security;
using System.Security.Authentication;

namespace Tunda.Mail.Imap;

/// <summary>
/// The byte stream of one IMAP connection: buffered reads and writes, each bounded by the timeout,
/// and the TLS upgrade.
/// </summary>
internal sealed class ImapWire(Stream stream, TimeSpan timeout) : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private Stream _stream = stream;
    private int _start;
    private int _end;

    public bool IsEncrypted => _stream is SslStream;

    public async Task StartTlsAsync(string host, RemoteCertificateValidationCallback validation, CancellationToken ct)
    {
        // Bytes that arrived before the handshake would later be read as if they came under TLS (STARTTLS injection).
        if (_start != _end)
        {
            throw new ImapException("The IMAP server sent data before the TLS handshake; the connection is not trusted.");
        }

        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false, validation);
        try
        {
            await WithTimeout(t => ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                EnabledSslProtocols = SslProtocols.None,
            }, t), "the TLS handshake", ct);
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync();
            throw new ImapException($"The TLS handshake with the IMAP server {host} failed: {e.Message}", e);
        }

        _stream = ssl;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await WithTimeout(async t =>
        {
            await _stream.WriteAsync(bytes, t);
            await _stream.FlushAsync(t);
        }, "a write", ct);
    }

    public async ValueTask<byte> PeekAsync(CancellationToken ct)
    {
        if (_start == _end)
        {
            await FillAsync(ct);
        }

        return _buffer[_start];
    }

    public async ValueTask<byte> ReadByteAsync(CancellationToken ct)
    {
        var b = await PeekAsync(ct);
        _start++;
        return b;
    }

    public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end)
            {
                await FillAsync(ct);
            }

            var take = Math.Min(count - filled, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, filled, take);
            _start += take;
            filled += take;
        }

        return result;
    }

    private async Task FillAsync(CancellationToken ct)
    {
        var read = 0;
        await WithTimeout(async t => read = await _stream.ReadAsync(_buffer, t), "a read", ct);
        if (read == 0)
        {
            throw new ImapException("The IMAP server closed the connection.");
        }

        _start = 0;
        _end = read;
    }

    private async Task WithTimeout(Func<CancellationToken, Task> operation, string what, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await operation(timer.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ImapException($"The IMAP server did not complete {what} within {timeout}.", e);
        }
        catch (IOException e)
        {
            throw new ImapException($"The IMAP connection failed during {what}: {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
