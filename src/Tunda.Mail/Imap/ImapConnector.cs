using System.Net;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Tunda.Mail.Imap;

/// <summary>
/// Opens an authenticated MailKit <see cref="ImapClient"/> the way <see cref="ImapOptions"/> say: implicit TLS or
/// mandatory STARTTLS, certificates checked by <see cref="ImapCertificateTrust"/>, and a plain connection only
/// when the settings allow it explicitly.
/// </summary>
public static class ImapConnector
{
    private static readonly string[] PreferredMechanisms = ["SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "LOGIN"];

    public static async Task<ImapClient> ConnectAsync(ImapOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Host) || options.Port is <= 0 or > 65535)
        {
            throw new ArgumentException("ImapOptions needs a Host and a TCP Port.", nameof(options));
        }

        if (options.Security == ImapSecurity.None && !options.AllowPlainText)
        {
            throw new InvalidOperationException($"Refusing an unencrypted IMAP connection to {options.Host}: set AllowPlainText explicitly (loopback tests only).");
        }

        var client = NewClient(options);
        try
        {
            await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.Security), ct);

            // MailKit already refuses a STARTTLS that fails; this also catches a server that greeted with PREAUTH.
            if (!client.IsSecure && !options.AllowPlainText)
            {
                throw new InvalidOperationException($"The IMAP connection to {options.Host} is not encrypted; refusing to go on.");
            }

            if (!client.IsAuthenticated)
            {
                await AuthenticateOnceAsync(client, new NetworkCredential(options.Username, options.Password), ct);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    internal static ImapClient NewClient(ImapOptions options) => new()
    {
        Timeout = (int)options.Timeout.TotalMilliseconds,
        ServerCertificateValidationCallback = ImapCertificateTrust.Create(options),
        CheckCertificateRevocation = ServerCertificates.ChecksRevocation(options.CertificateRevocation),
    };

    /// <summary>
    /// One attempt with the strongest mechanism offered (LOGIN when none is): MailKit on its own tries each
    /// mechanism in turn, and every failed try of a wrong password costs a server's penalty delay or a lockout.
    /// </summary>
    private static Task AuthenticateOnceAsync(ImapClient client, NetworkCredential credential, CancellationToken ct)
    {
        var strongest = PreferredMechanisms.FirstOrDefault(client.AuthenticationMechanisms.Contains);
        return strongest is null ? client.AuthenticateAsync(credential, ct) : client.AuthenticateAsync(SaslMechanism.Create(strongest, credential)!, ct);
    }

    /// <summary>Never Auto or StartTlsWhenAvailable: a connection is exactly as secure as configured, or there is none.</summary>
    private static SecureSocketOptions SocketOptions(ImapSecurity security) => security switch
    {
        ImapSecurity.Tls => SecureSocketOptions.SslOnConnect,
        ImapSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
