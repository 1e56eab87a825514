using System.Net.Security;
using System.Security.Authentication;
using System.Text;

namespace Tunda.Mail;

/// <summary>One SMTP conversation's wire: commands out, (multi-line) replies in, and the TLS upgrade.</summary>
internal sealed class SmtpConnection(Stream stream) : IAsyncDisposable
{
    private const int MaxLineLength = 4096;

    private readonly byte[] _buffer = new byte[4096];
    private Stream _stream = stream;
    private int _start;
    private int _end;

    public bool IsEncrypted => _stream is SslStream;

    public async Task StartTlsAsync(string host, RemoteCertificateValidationCallback? validation, CancellationToken ct)
    {
        // Bytes the server sent before the handshake would be read as if they came under TLS (CVE-2011-0411 style injection).
        if (_start != _end)
        {
            throw new SmtpException("The SMTP server sent data before the TLS handshake; the connection is not trusted.");
        }

        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false, validation);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.None,
        }, ct);
        _stream = ssl;
    }

    public async Task<SmtpReply> CommandAsync(string command, CancellationToken ct)
    {
        await WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct);
        return await ReadReplyAsync(ct);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await _stream.WriteAsync(bytes, ct);
        await _stream.FlushAsync(ct);
    }

    public async Task<SmtpReply> ReadReplyAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(ct);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code) || (line.Length > 3 && line[3] is not (' ' or '-')))
            {
                throw new SmtpException($"The SMTP server sent a line that is not a reply: {line}");
            }

            lines.Add(line);
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, lines);
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _stream.ReadAsync(_buffer, ct);
                if (_end == 0)
                {
                    throw new SmtpException("The SMTP server closed the connection.");
                }
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Append(Encoding.UTF8.GetString(_buffer, _start, stop - _start));
            _start = newline < 0 ? _end : newline + 1;
            if (line.Length > MaxLineLength)
            {
                throw new SmtpException("The SMTP server sent a line longer than any reply should be.");
            }

            if (newline >= 0)
            {
                return line.ToString().TrimEnd('\r');
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}

internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public bool IsPositive => Code is >= 200 and < 400;

    /// <summary>The reply's text without codes, the lines joined, as shown in errors.</summary>
    public string Text => string.Join(" / ", Lines);

    /// <summary>EHLO keywords after the greeting line, upper-cased: "STARTTLS", "AUTH PLAIN LOGIN", ...</summary>
    public IEnumerable<string> Extensions => Lines.Skip(1).Select(l => l.Length > 4 ? l[4..].Trim().ToUpperInvariant() : "");
}
