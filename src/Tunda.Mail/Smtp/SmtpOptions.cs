using System.Net.Security;

namespace Tunda.Mail;

public enum SmtpSecurity
{
    /// <summary>Plain text: only for a server on the same host or a trusted network.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS; refused if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    Tls,
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>When set, the transport authenticates with the strongest mechanism both sides know.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The name given in EHLO; the machine's name when empty.</summary>
    public string? HeloName { get; set; }

    /// <summary>For the whole conversation of one message, and for each connect, read and write within it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>What the server certificate's revocation status counts for; the same default as IMAP's (<see cref="CertificateRevocation.SoftFail"/>).</summary>
    public CertificateRevocation CertificateRevocation { get; set; } = CertificateRevocation.SoftFail;

    /// <summary>Tests only: accepts a server certificate the system would refuse (a self-signed one).</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; set; }
}
