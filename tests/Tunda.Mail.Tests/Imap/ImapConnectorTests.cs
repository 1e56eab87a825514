using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests.Imap;

public sealed class ImapConnectorTests(DovecotServer server) : IClassFixture<DovecotServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ImapOptions Options(ImapSecurity security = ImapSecurity.Tls) => ImapTestMailbox.Options(server, security);

    [Fact]
    public async Task an_appended_message_is_fetched_byte_for_byte_over_implicit_tls_without_marking_it_read()
    {
        var message = ImapTestMessages.Tricky("Sito irraggiungibile");
        using var client = await ImapConnector.ConnectAsync(Options(), None);
        await ImapTestMailbox.AppendAsync(client, "INBOX", message);

        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, None);
        var uid = (await inbox.SearchAsync(MailKit.Search.SearchQuery.All, None)).Single();
        using var stream = await inbox.GetStreamAsync(uid, None);

        client.IsSecure.ShouldBeTrue();
        client.IsAuthenticated.ShouldBeTrue();
        inbox.UidValidity.ShouldBeGreaterThan(0u);
        ImapTestMailbox.Bytes(stream).ShouldBe(message);
        (await inbox.FetchAsync([uid], MessageSummaryItems.Flags, None)).Single().Flags!.Value.HasFlag(MessageFlags.Seen).ShouldBeFalse();
    }

    [Fact]
    public async Task starttls_upgrades_before_login_and_a_pem_file_can_be_trusted()
    {
        var options = Options(ImapSecurity.StartTls);
        options.TrustedCertificateThumbprint = null;
        options.TrustedCertificateFile = server.CertificateFile;

        using var client = await ImapConnector.ConnectAsync(options, None);

        client.IsSecure.ShouldBeTrue();
        client.IsAuthenticated.ShouldBeTrue();
    }

    [Fact]
    public async Task a_certificate_neither_the_system_nor_the_settings_trust_is_refused()
    {
        var options = Options();
        options.TrustedCertificateThumbprint = new string('A', 64);

        var error = await Should.ThrowAsync<SslHandshakeException>(() => ImapConnector.ConnectAsync(options, None));

        error.Message.ShouldContain("TLS");
    }

    [Fact]
    public async Task plain_text_is_refused_unless_explicitly_allowed()
    {
        var options = Options(ImapSecurity.None);

        (await Should.ThrowAsync<InvalidOperationException>(() => ImapConnector.ConnectAsync(options, None))).Message.ShouldContain("AllowPlainText");

        options.AllowPlainText = true;
        using var client = await ImapConnector.ConnectAsync(options, None);
        client.IsSecure.ShouldBeFalse();
        client.IsAuthenticated.ShouldBeTrue();
    }

    [Fact]
    public async Task a_wrong_password_is_refused_after_a_single_attempt()
    {
        var options = Options();
        options.Password = "not-the-password";

        await Should.ThrowAsync<AuthenticationException>(() => ImapConnector.ConnectAsync(options, None));

        // Each failed attempt costs the server's penalty delay, and many servers lock an account out after a few.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.ReadLines(server.LogFile).Any(l => l.Contains(options.Username, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        File.ReadLines(server.LogFile).Single(l => l.Contains(options.Username, StringComparison.Ordinal)).ShouldContain("auth failed, 1 attempts");
    }

    [Fact]
    public async Task a_server_that_stops_answering_times_out()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = Unencrypted(silent, TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<TimeoutException>(() => ImapConnector.ConnectAsync(options, None));
    }

    [Fact]
    public async Task a_server_that_says_bye_and_hangs_up_is_reported_with_its_words()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connecting = ImapConnector.ConnectAsync(Unencrypted(listener, TimeSpan.FromSeconds(5)), None);
        using var socket = await listener.AcceptSocketAsync();
        await socket.SendAsync("* BYE Server shutting down\r\n"u8.ToArray());
        socket.Shutdown(SocketShutdown.Both);

        var error = await Should.ThrowAsync<ImapProtocolException>(() => connecting);

        error.Message.ShouldContain("Server shutting down");
    }

    [Fact]
    public async Task a_preauth_greeting_where_starttls_is_required_is_refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var options = Options(ImapSecurity.StartTls);
        options.Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connecting = ImapConnector.ConnectAsync(options, None);
        using var socket = await listener.AcceptSocketAsync();
        await socket.SendAsync("* PREAUTH [CAPABILITY IMAP4rev1] logged in as you\r\n"u8.ToArray());

        var error = await Should.ThrowAsync<NotSupportedException>(() => connecting);

        error.Message.ShouldContain("STARTTLS");
    }

    private static ImapOptions Unencrypted(TcpListener listener, TimeSpan timeout) => new()
    {
        Host = "127.0.0.1",
        Port = ((IPEndPoint)listener.LocalEndpoint).Port,
        Security = ImapSecurity.None,
        AllowPlainText = true,
        Timeout = timeout,
    };
}
