using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tunda.Testing;

/// <summary>
/// A real dovecot IMAP server for tests, started as `dovecot -F -c generated.conf` in a temporary folder:
/// implicit TLS on <see cref="ImapsPort"/>, plain + STARTTLS on <see cref="ImapPort"/>, a self-signed
/// certificate, and one fresh account per test from <see cref="CreateUser"/>. Stopped and deleted on dispose.
/// </summary>
public class DovecotServer : IAsyncLifetime
{
    private static readonly string[] Binaries = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"];

    private readonly string _extraSettings;
    private readonly bool _markSent;
    private readonly string _namespaceSettings;
    private readonly string _root = Directory.CreateTempSubdirectory("tunda-dovecot-").FullName;
    private readonly string _password = $"p{Guid.NewGuid():N}";
    private Process? _process;

    public DovecotServer()
        : this("")
    {
    }

    /// <param name="extraSettings">More dovecot.conf lines, e.g. an imap_capability without MOVE.</param>
    /// <param name="markSent">False: the Sent folder exists without the \Sent attribute, as on a server without SPECIAL-USE.</param>
    /// <param name="namespaceSettings">More lines for the personal namespace, e.g. the "INBOX." prefix of Cyrus and Courier.</param>
    protected DovecotServer(string extraSettings, bool markSent = true, string namespaceSettings = "")
    {
        _namespaceSettings = namespaceSettings;
        _extraSettings = extraSettings;
        _markSent = markSent;
    }

    public string Host => "127.0.0.1";

    public int ImapPort { get; private set; }

    public int ImapsPort { get; private set; }

    public string CertificateFile => Path.Combine(_root, "cert.pem");

    /// <summary>SHA-256 of the server certificate, in hex.</summary>
    public string CertificateThumbprint { get; private set; } = "";

    public string LogFile => Path.Combine(_root, "dovecot.log");

    public async Task InitializeAsync()
    {
        var binary = Binaries.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "dovecot is not installed: `./tunda test` installs it (Debian package dovecot-imapd), or run `apt-get install dovecot-imapd`.");

        var mail = Directory.CreateDirectory(Path.Combine(_root, "mail")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Dovecot's own accounts (as root) must reach the folder; a mkdtemp folder is private to its owner.
            File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(mail, (UnixFileMode)0b111_111_111);
        }

        Directory.CreateDirectory(Path.Combine(_root, "state"));
        WriteCertificate();
        ImapPort = FreePort();
        ImapsPort = FreePort();
        var config = DovecotConfig.Write(_root, ImapPort, ImapsPort, _password, _extraSettings, _markSent, _namespaceSettings);

        _process = Process.Start(new ProcessStartInfo(binary, ["-F", "-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("dovecot did not start.");
        await WaitForPortsAsync();
    }

    /// <summary>
    /// A new account with an empty INBOX (and Sent), so tests sharing the server never see each other's mail.
    /// Every name logs in with the server's one password (a static passdb: a passwd-file is re-read at most once a second).
    /// </summary>
    public (string Username, string Password) CreateUser() => ($"u{Guid.NewGuid():N}"[..17], _password);

    private void WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_root, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        CertificateThumbprint = Convert.ToHexString(SHA256.HashData(certificate.RawData));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortsAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"dovecot exited at start ({_process.ExitCode}): {await _process.StandardError.ReadToEndAsync()} {Log()}");
            }

            try
            {
                using var imap = new TcpClient();
                await imap.ConnectAsync(Host, ImapPort);
                using var imaps = new TcpClient();
                await imaps.ConnectAsync(Host, ImapsPort);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private string Log() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGTERM lets the master stop its login and imap children; a kill would orphan them.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an exiting child; the temporary folder is cleaned by the system later.
        }
    }
}

/// <summary>Dovecot advertising only IMAP4rev1, like an older server: no IDLE, MOVE, UIDPLUS, LITERAL+, SASL-IR or LIST-EXTENDED.</summary>
public sealed class MinimalDovecotServer() : DovecotServer("imap_capability = IMAP4rev1");
