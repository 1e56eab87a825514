using System.Net.Sockets;
using System.Text;

namespace Tunda.Mail.Imap;

/// <summary>
/// An IMAP4rev1 client session (RFC 3501) over TLS or STARTTLS: connect, authenticate, list, select,
/// search, fetch, flag, move, append, logout. Every refusal raises <see cref="ImapException"/>.
/// </summary>
public sealed partial class ImapClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly ImapConnection _connection;
    private HashSet<string> _capabilities = new(StringComparer.OrdinalIgnoreCase);

    private ImapClient(TcpClient tcp, ImapConnection connection)
    {
        _tcp = tcp;
        _connection = connection;
    }

    public IReadOnlySet<string> Capabilities => _capabilities;

    public bool IsEncrypted => _connection.IsEncrypted;

    public bool Has(string capability) => _capabilities.Contains(capability);

    /// <summary>Connects, secures the connection as configured, and logs in.</summary>
    public static async Task<ImapClient> ConnectAsync(ImapOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Host) || options.Port is <= 0 or > 65535)
        {
            throw new ArgumentException("ImapOptions needs a Host and a TCP Port.", nameof(options));
        }

        if (options.Security == ImapSecurity.None && !options.AllowPlainText)
        {
            throw new ImapException($"Refusing an unencrypted IMAP connection to {options.Host}: set AllowPlainText explicitly (loopback tests only).");
        }

        var tcp = new TcpClient();
        ImapClient? client = null;
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connectTimeout.CancelAfter(options.Timeout);
                await ConnectTcpAsync(tcp, options, connectTimeout.Token, ct);
            }

            client = new ImapClient(tcp, new ImapConnection(tcp.GetStream(), options));
            await client.OpenAsync(options, ct);
            return client;
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
            else
            {
                tcp.Dispose();
            }

            throw;
        }
    }

    private static async Task ConnectTcpAsync(TcpClient tcp, ImapOptions options, CancellationToken timeout, CancellationToken ct)
    {
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, timeout);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ImapException($"Connecting to the IMAP server {options.Host}:{options.Port} timed out after {options.Timeout}.", e);
        }
        catch (SocketException e)
        {
            throw new ImapException($"Connecting to the IMAP server {options.Host}:{options.Port} failed: {e.Message}", e);
        }
    }

    private async Task OpenAsync(ImapOptions options, CancellationToken ct)
    {
        var validation = ImapCertificateTrust.Create(options);
        if (options.Security == ImapSecurity.Tls)
        {
            await _connection.StartTlsAsync(options.Host, validation, ct);
        }

        var greeting = await _connection.ReadResponseAsync(ct);
        if (greeting.Status is not ("OK" or "PREAUTH"))
        {
            throw new ImapException($"The IMAP server {options.Host} refused the connection: {greeting.Status} {greeting.Text}");
        }

        if (greeting.Status == "PREAUTH" && options.Security == ImapSecurity.StartTls)
        {
            // An already-authenticated session cannot start TLS: accepting it would let anyone on the path strip the encryption.
            throw new ImapException($"The IMAP server {options.Host} greeted with PREAUTH on an unencrypted connection; STARTTLS is impossible, so the session is refused.");
        }

        await RefreshCapabilitiesAsync(ct);
        if (options.Security == ImapSecurity.StartTls)
        {
            if (!Has("STARTTLS"))
            {
                throw new ImapException($"The IMAP server {options.Host} does not offer STARTTLS, and the settings require it.");
            }

            await _connection.ExecuteAsync(ImapCommand.Of("STARTTLS"), ct);
            await _connection.StartTlsAsync(options.Host, validation, ct);

            // Capabilities seen before TLS could have been forged by anyone on the path (RFC 3501 6.2.1).
            await RefreshCapabilitiesAsync(ct);
        }

        if (greeting.Status != "PREAUTH")
        {
            await AuthenticateAsync(options, ct);
            await RefreshCapabilitiesAsync(ct);
        }
    }

    private async Task AuthenticateAsync(ImapOptions options, CancellationToken ct)
    {
        if (!IsEncrypted && !options.AllowPlainText)
        {
            throw new ImapException("Refusing to send IMAP credentials over an unencrypted connection.");
        }

        if (Has("AUTH=PLAIN"))
        {
            var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{options.Username}\0{options.Password}"));
            var command = ImapCommand.Of("AUTHENTICATE").Text("PLAIN");
            if (Has("SASL-IR"))
            {
                await _connection.ExecuteAsync(command.Text(initial), ct);
            }
            else
            {
                await _connection.ExecuteWithContinuationAsync(command, initial, ct);
            }

            return;
        }

        if (Has("LOGINDISABLED"))
        {
            throw new ImapException($"The IMAP server {options.Host} offers neither AUTH=PLAIN nor LOGIN.");
        }

        await _connection.ExecuteAsync(ImapCommand.Of("LOGIN").String(options.Username).String(options.Password), ct);
    }

    private async Task RefreshCapabilitiesAsync(CancellationToken ct)
    {
        var completion = await _connection.ExecuteAsync(ImapCommand.Of("CAPABILITY"), ct);
        _capabilities = new HashSet<string>(
            completion.Untagged.Where(r => r.Is("CAPABILITY")).SelectMany(r => r.Tokens.Skip(1)).Select(t => t.Text),
            StringComparer.OrdinalIgnoreCase);
        _connection.NonSynchronizingLiterals = Has("LITERAL+");
    }

    public async Task LogoutAsync(CancellationToken ct)
    {
        try
        {
            await _connection.ExecuteAsync(ImapCommand.Of("LOGOUT"), ct);
        }
        catch (ImapException)
        {
            // The work is done; a server that hangs up instead of answering LOGOUT changes nothing.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _tcp.Dispose();
    }
}
