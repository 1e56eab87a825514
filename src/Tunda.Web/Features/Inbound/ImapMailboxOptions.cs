using System.Net;
using Tunda.Mail;
using Tunda.Mail.Imap;

namespace Tunda.Web.Features.Inbound;

/// <summary>
/// One mailbox polled for incoming mail, from the list under <c>Tunda:Inbound:Imap</c>
/// (<c>Tunda__Inbound__Imap__0__Host</c>, ...). The password comes from secrets or the environment, never the repository.
/// </summary>
public sealed class ImapMailboxOptions
{
    public const string Section = "Tunda:Inbound:Imap";

    /// <summary>Stable name of this mailbox: the key of its UID checkpoint, shown in logs and on stored messages.</summary>
    public string Name { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    /// <summary>Tls (port 993) or StartTls (port 143); None only for a server on the loopback interface.</summary>
    public ImapSecurity Security { get; set; } = ImapSecurity.Tls;

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string Folder { get; set; } = "INBOX";

    /// <summary>When set, imported messages are moved there; otherwise they stay, flagged \Seen and $TundaImported.</summary>
    public string? ProcessedFolder { get; set; }

    public int MaxMessagesPerRun { get; set; } = 50;

    /// <summary>Larger messages are left on the server, flagged $TundaTooLarge, reported in the log, and their header is kept in quarantine.</summary>
    public long MaxMessageBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// The time between two polls. Where the server announces IDLE, new mail is imported as it arrives and this
    /// is only the fallback: the longest the app waits before searching the folder anyway.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one IDLE lasts before it is re-issued: servers end an IDLE after about 29 minutes (RFC 2177)
    /// and routers drop a connection silent for much less.
    /// </summary>
    public TimeSpan IdleRefresh { get; set; } = TimeSpan.FromMinutes(9);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A self-signed server certificate to trust besides the system store: SHA-256 or SHA-1 thumbprint.</summary>
    public string? TrustedCertificateThumbprint { get; set; }

    /// <summary>A self-signed server certificate to trust besides the system store: a PEM file.</summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>What the server certificate's revocation status counts for: SoftFail (the default, as for SMTP), Required or Off.</summary>
    public CertificateRevocation CertificateRevocation { get; set; } = CertificateRevocation.SoftFail;

    /// <summary>The client settings for this mailbox, after checking the ones a poll cannot work without.</summary>
    public ImapOptions ToClientOptions()
    {
        Validate();
        return new ImapOptions
        {
            Host = Host,
            Port = Port,
            Security = Security,
            AllowPlainText = Security == ImapSecurity.None,
            Username = Username,
            Password = Password,
            Timeout = Timeout,
            TrustedCertificateThumbprint = TrustedCertificateThumbprint,
            TrustedCertificateFile = TrustedCertificateFile,
            CertificateRevocation = CertificateRevocation,
        };
    }

    public void Validate()
    {
        var problem =
            string.IsNullOrWhiteSpace(Name) ? "Name is required" :
            string.IsNullOrWhiteSpace(Host) ? "Host is required" :
            Port is <= 0 or > 65535 ? $"Port {Port} is not a TCP port" :
            string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password) ? "Username and Password are required (Password from secrets or the environment)" :
            Security == ImapSecurity.None && !IsLoopback(Host) ? "Security None is only allowed for a server on this machine (127.0.0.1, ::1, localhost)" :
            string.IsNullOrWhiteSpace(Folder) ? "Folder is required" :
            string.Equals(ProcessedFolder, Folder, StringComparison.OrdinalIgnoreCase) ? "ProcessedFolder must differ from Folder" :
            MaxMessagesPerRun <= 0 ? "MaxMessagesPerRun must be positive" :
            MaxMessageBytes <= 0 ? "MaxMessageBytes must be positive" :
            PollInterval <= TimeSpan.Zero ? "PollInterval must be positive" :
            IdleRefresh <= TimeSpan.Zero || IdleRefresh > TimeSpan.FromMinutes(29) ? "IdleRefresh must be positive and at most 29 minutes" :
            null;
        if (problem is not null)
        {
            throw new InvalidOperationException($"{Section} mailbox '{Name}': {problem}.");
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
