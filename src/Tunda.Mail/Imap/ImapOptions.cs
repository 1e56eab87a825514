namespace Tunda.Mail.Imap;

public enum ImapSecurity
{
    /// <summary>TLS from the first byte (implicit TLS, usually port 993).</summary>
    Tls,

    /// <summary>Plain connection upgraded with STARTTLS (usually port 143); refused if the server does not offer it.</summary>
    StartTls,

    /// <summary>No encryption at all: refused unless <see cref="ImapOptions.AllowPlainText"/> is set (tests on loopback).</summary>
    None,
}

public sealed class ImapOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    public ImapSecurity Security { get; set; } = ImapSecurity.Tls;

    /// <summary>
    /// Must be set explicitly for <see cref="ImapSecurity.None"/>: without it the client never opens a plain
    /// connection, so a password can never leave the machine unencrypted by a mistyped setting.
    /// </summary>
    public bool AllowPlainText { get; set; }

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>For connecting and for each read and write: a server that says nothing for this long is given up.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Trust exactly this server certificate besides the system store (a self-signed server):
    /// its SHA-256 or SHA-1 thumbprint in hex (colons and spaces ignored).
    /// </summary>
    public string? TrustedCertificateThumbprint { get; set; }

    /// <summary>Trust exactly the certificate in this PEM file besides the system store.</summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>What the server certificate's revocation status counts for; the same default as SMTP's (<see cref="CertificateRevocation.SoftFail"/>).</summary>
    public CertificateRevocation CertificateRevocation { get; set; } = CertificateRevocation.SoftFail;
}
