using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tunda.Mail.Imap;

/// <summary>
/// Certificates are validated by the system store under the revocation policy (<see cref="ServerCertificates"/>);
/// a configured certificate (thumbprint or PEM file) is trusted in addition, and only when the server presents
/// exactly that certificate.
/// </summary>
internal static class ImapCertificateTrust
{
    public static RemoteCertificateValidationCallback Create(ImapOptions options)
    {
        var pinned = PinnedHashes(options);
        return (_, certificate, chain, errors) =>
        {
            if (ServerCertificates.Counted(errors, chain, options.CertificateRevocation) == SslPolicyErrors.None)
            {
                return true;
            }

            if (certificate is null || pinned.Count == 0)
            {
                return false;
            }

            var raw = certificate.GetRawCertData();
            return pinned.Contains(Convert.ToHexString(SHA256.HashData(raw)))
                || pinned.Contains(Convert.ToHexString(SHA1ForThumbprint(raw)));
        };
    }

    private static HashSet<string> PinnedHashes(ImapOptions options)
    {
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (options.TrustedCertificateThumbprint is { Length: > 0 } thumbprint)
        {
            hashes.Add(new string([.. thumbprint.Where(Uri.IsHexDigit)]).ToUpperInvariant());
        }

        if (options.TrustedCertificateFile is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"The trusted IMAP certificate file {file} does not exist.", file);
            }

            using var certificate = X509CertificateLoader.LoadCertificateFromFile(file);
            hashes.Add(Convert.ToHexString(SHA256.HashData(certificate.RawData)));
        }

        return hashes;
    }

    // SHA-1 only identifies a certificate the way Windows and most tools print thumbprints; a second preimage of SHA-1 is still out of reach.
#pragma warning disable CA5350
    private static byte[] SHA1ForThumbprint(byte[] raw) => SHA1.HashData(raw);
#pragma warning restore CA5350
}
