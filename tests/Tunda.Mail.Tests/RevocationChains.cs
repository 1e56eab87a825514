using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tunda.Mail.Tests;

/// <summary>
/// A test CA and a server certificate whose revocation list is served, or not, on loopback; the chain is
/// built as TLS builds it (online revocation check of the server certificate), trusting the test CA.
/// </summary>
internal sealed class RevocationChains : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public RevocationChains()
    {
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest("CN=Tunda Test CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    /// <summary>The server certificate's chain when its CA's revocation list cannot be fetched (nothing listens).</summary>
    public X509Chain StatusUnknown()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        return Chain(ServerCertificate($"http://127.0.0.1:{port}/{Guid.NewGuid():N}.crl"), trustCa: true);
    }

    /// <summary>The chain when the revocation list, served on loopback, names the server certificate (or does not).</summary>
    public async Task<X509Chain> ServedAsync(bool revoked)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServerCertificate($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/{Guid.NewGuid():N}.crl");
        var list = new CertificateRevocationListBuilder();
        if (revoked)
        {
            list.AddEntry(server, DateTimeOffset.UtcNow.AddMinutes(-5), X509RevocationReason.KeyCompromise);
        }

        var crl = list.Build(_ca, BigInteger.One, DateTimeOffset.UtcNow.AddDays(1), HashAlgorithmName.SHA256);
        var serving = ServeOnceAsync(listener, crl);
        var chain = await Task.Run(() => Chain(server, trustCa: true));
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
        return chain;
    }

    /// <summary>A chain to a root the system does not trust, whose revocation status is unknown too.</summary>
    public X509Chain UntrustedAndStatusUnknown()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        return Chain(ServerCertificate($"http://127.0.0.1:{port}/{Guid.NewGuid():N}.crl"), trustCa: false);
    }

    public X509Certificate2 ServerCertificate(string crlUrl)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest("CN=mail.tunda.test", _serverKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl]));
        return request.Create(_ca, now.AddHours(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(8));
    }

    private X509Chain Chain(X509Certificate2 server, bool trustCa)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;
        chain.ChainPolicy.RevocationFlag = X509RevocationFlag.EndCertificateOnly;
        chain.ChainPolicy.UrlRetrievalTimeout = TimeSpan.FromSeconds(5);
        if (trustCa)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_ca);
        }
        else
        {
            chain.ChainPolicy.ExtraStore.Add(_ca);
        }

        chain.Build(server);
        return chain;
    }

    private static async Task ServeOnceAsync(TcpListener listener, byte[] body)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(body);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        _serverKey.Dispose();
    }
}
