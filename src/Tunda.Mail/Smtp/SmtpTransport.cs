using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Tunda.Mail;

/// <summary>
/// Sends each message in its own session of MailKit's <see cref="SmtpClient"/>: STARTTLS or implicit TLS
/// as the options say, AUTH when credentials are set, one RCPT per distinct recipient. Every failure
/// throws (<see cref="SmtpException"/> with the server's reply, or <see cref="TimeoutException"/>), so
/// the caller's retry policy decides; nothing is ever dropped here.
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
        var mime = MimeComposer.Compose(message);
        var sender = message.From.ToMimeKit();
        var recipients = message.Recipients.DistinctBy(r => r.Address, StringComparer.OrdinalIgnoreCase).Select(r => r.ToMimeKit()).ToList();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        using var client = NewClient();
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, SocketOptions(), timeout.Token);
            if (_options.Username is { Length: > 0 } username)
            {
                await AuthenticateAsync(client, username, timeout.Token);
            }

            await client.SendAsync(mime, sender, recipients, timeout.Token);
            await QuitAsync(client, timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {_options.Host}:{_options.Port} did not finish within {_options.Timeout}.", e);
        }
        catch (Exception e) when (SmtpFailures.Translate(e, $"{_options.Host}:{_options.Port}") is { } failure)
        {
            throw failure;
        }
    }

    internal SmtpClient NewClient() => new()
    {
        Timeout = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds),
        LocalDomain = _options.HeloName is { Length: > 0 } name ? name : System.Net.Dns.GetHostName(),
        ServerCertificateValidationCallback = _options.CertificateValidation ?? ServerCertificates.Validation(_options.CertificateRevocation),
        CheckCertificateRevocation = ServerCertificates.ChecksRevocation(_options.CertificateRevocation),
    };

    private SecureSocketOptions SocketOptions() => _options.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    private async Task AuthenticateAsync(SmtpClient client, string username, CancellationToken ct)
    {
        if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
        {
            throw new SmtpException("Credentials are configured but the SMTP server offers no authentication (over an unencrypted connection many servers offer none: use StartTls or Tls).");
        }

        await client.AuthenticateAsync(username, _options.Password ?? "", ct);
    }

    /// <summary>
    /// The message is accepted: a server that hangs up instead of answering QUIT, or a QUIT that runs out of
    /// time, changes nothing, and must not make the caller send the message a second time.
    /// </summary>
    private static async Task QuitAsync(SmtpClient client, CancellationToken ct)
    {
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException or OperationCanceledException)
        {
        }
    }
}
