using System.Net.Sockets;
using System.Text;

namespace Tunda.Mail;

/// <summary>
/// Sends each message in its own SMTP session: EHLO, STARTTLS when asked, AUTH when credentials are
/// set, one RCPT per recipient, DATA, QUIT. A refusal raises <see cref="SmtpException"/> with the reply.
/// </summary>
public sealed class SmtpTransport : IMailTransport
{
    private readonly SmtpOptions _options;

    public SmtpTransport(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new ArgumentException("SmtpOptions.Host is required.", nameof(options));
        }

        if (options.Port is <= 0 or > 65535)
        {
            throw new ArgumentException($"SmtpOptions.Port {options.Port} is not a TCP port.", nameof(options));
        }

        _options = options;
    }

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var data = MimeComposer.Compose(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await SendAsync(message, data, timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {_options.Host}:{_options.Port} did not finish within {_options.Timeout}.", e);
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            throw new SmtpException($"Talking to the SMTP server {_options.Host}:{_options.Port} failed: {e.Message}", e);
        }
    }

    private async Task SendAsync(OutgoingMessage message, byte[] data, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_options.Host, _options.Port, ct);
        await using var connection = new SmtpConnection(client.GetStream());
        if (_options.Security == SmtpSecurity.Tls)
        {
            await connection.StartTlsAsync(_options.Host, _options.CertificateValidation, ct);
        }

        Expect("the greeting", await connection.ReadReplyAsync(ct), 220);
        var helo = _options.HeloName is { Length: > 0 } name ? name : System.Net.Dns.GetHostName();
        var extensions = await EhloAsync(connection, helo, ct);
        if (_options.Security == SmtpSecurity.StartTls)
        {
            if (!extensions.Contains("STARTTLS"))
            {
                throw new SmtpException($"The SMTP server {_options.Host} does not offer STARTTLS, and the settings require it.");
            }

            Expect("STARTTLS", await connection.CommandAsync("STARTTLS", ct), 220);
            await connection.StartTlsAsync(_options.Host, _options.CertificateValidation, ct);
            extensions = await EhloAsync(connection, helo, ct);
        }

        if (_options.Username is { Length: > 0 } username)
        {
            await SmtpAuthentication.AuthenticateAsync(connection, extensions, username, _options.Password ?? "", ct);
        }

        Expect("MAIL FROM", await connection.CommandAsync($"MAIL FROM:<{message.From.Address}>", ct), 250);
        foreach (var recipient in message.Recipients.Select(r => r.Address).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Expect($"RCPT TO:<{recipient}>", await connection.CommandAsync($"RCPT TO:<{recipient}>", ct), 250, 251);
        }

        Expect("DATA", await connection.CommandAsync("DATA", ct), 354);
        await connection.WriteAsync(DotStuffing.Stuff(data), ct);
        Expect("the end of DATA", await connection.ReadReplyAsync(ct), 250);
        try
        {
            await connection.CommandAsync("QUIT", ct);
        }
        catch (SmtpException)
        {
            // The message is accepted; a server that hangs up instead of answering QUIT changes nothing.
        }
    }

    private static async Task<HashSet<string>> EhloAsync(SmtpConnection connection, string helo, CancellationToken ct)
    {
        var reply = await connection.CommandAsync($"EHLO {helo}", ct);
        if (reply.Code is 500 or 502)
        {
            // A server from before ESMTP: plain HELO, no extensions (so no STARTTLS or AUTH, which then fail clearly).
            Expect("HELO", await connection.CommandAsync($"HELO {helo}", ct), 250);
            return [];
        }

        return [.. Expect("EHLO", reply, 250).Extensions];
    }

    internal static SmtpReply Expect(string command, SmtpReply reply, params int[] codes)
    {
        if (!codes.Contains(reply.Code))
        {
            throw new SmtpException(command, reply.Code, reply.Text);
        }

        return reply;
    }
}
