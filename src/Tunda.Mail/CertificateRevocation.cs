using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Tunda.Mail;

/// <summary>
/// What a server certificate's revocation status counts for, the same for SMTP (<see cref="SmtpOptions"/>)
/// and IMAP (<see cref="Imap.ImapOptions"/>): both default to <see cref="SoftFail"/>.
/// </summary>
public enum CertificateRevocation
{
    /// <summary>
    /// The CA's revocation list or OCSP responder is asked: a revoked certificate is refused, one whose status
    /// cannot be learned (the responder unreachable or slow) is accepted, so a CA's outage holds no mail back.
    /// </summary>
    SoftFail,

    /// <summary>Refused also when the status cannot be learned.</summary>
    Required,

    /// <summary>Not asked at all: for a network that cannot reach the CAs.</summary>
    Off,
}

/// <summary>The certificate check both mail transports make: the system's trust store, then the revocation policy.</summary>
internal static class ServerCertificates
{
    private const X509ChainStatusFlags StatusUnknown = X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation;

    public static bool ChecksRevocation(CertificateRevocation policy) => policy != CertificateRevocation.Off;

    /// <summary>Accepts what the system trusts, under the revocation policy.</summary>
    public static RemoteCertificateValidationCallback Validation(CertificateRevocation policy) =>
        (_, _, chain, errors) => Counted(errors, chain, policy) == SslPolicyErrors.None;

    /// <summary>
    /// The errors that count: unless revocation is <see cref="CertificateRevocation.Required"/>, a chain whose
    /// only faults are an unknown or offline revocation status is as good as a valid one.
    /// </summary>
    public static SslPolicyErrors Counted(SslPolicyErrors errors, X509Chain? chain, CertificateRevocation policy)
    {
        if (policy == CertificateRevocation.Required || errors != SslPolicyErrors.RemoteCertificateChainErrors || chain is null)
        {
            return errors;
        }

        var faults = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);
        return faults != X509ChainStatusFlags.NoError && (faults & ~StatusUnknown) == X509ChainStatusFlags.NoError ? SslPolicyErrors.None : errors;
    }
}
