using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests.Imap;

public sealed class ImapClientTests(DovecotServer server) : IClassFixture<DovecotServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ImapOptions Options(ImapSecurity security = ImapSecurity.Tls, (string Username, string Password)? user = null)
    {
        var (username, password) = user ?? server.CreateUser();
        return new ImapOptions
        {
            Host = server.Host,
            Port = security == ImapSecurity.Tls ? server.ImapsPort : server.ImapPort,
            Security = security,
            Username = username,
            Password = password,
            Timeout = TimeSpan.FromSeconds(10),
            TrustedCertificateThumbprint = server.CertificateThumbprint,
        };
    }

    [Fact]
    public async Task appended_message_is_selected_searched_sized_and_fetched_byte_for_byte_over_implicit_tls()
    {
        var message = ImapTestMessages.Tricky("Sito irraggiungibile");
        await using var client = await ImapClient.ConnectAsync(Options(), None);

        var appendedUid = await client.AppendAsync("INBOX", message, [], None);
        var inbox = await client.SelectAsync("INBOX", None);
        var uids = await client.UidSearchAsync("ALL", None);
        var summaries = await client.FetchSummariesAsync(uids.ToList(), None);
        var fetched = await client.FetchMessageAsync(uids[0], None);

        client.IsEncrypted.ShouldBeTrue();
        inbox.Exists.ShouldBe(1);
        inbox.UidValidity.ShouldBeGreaterThan(0);
        inbox.UidNext.ShouldBe(uids[0] + 1);
        uids.ShouldBe([appendedUid!.Value]);
        summaries.Single().Size.ShouldBe(message.Length);
        summaries.Single().HasFlag("\\Seen").ShouldBeFalse();
        fetched.ShouldBe(message);
        (await client.FetchSummariesAsync(uids.ToList(), None)).Single().HasFlag("\\Seen").ShouldBeFalse("BODY.PEEK[] must not mark it read");
        await client.LogoutAsync(None);
    }

    [Fact]
    public async Task starttls_upgrades_before_login_and_a_pem_file_can_be_trusted()
    {
        var options = Options(ImapSecurity.StartTls);
        options.TrustedCertificateThumbprint = null;
        options.TrustedCertificateFile = server.CertificateFile;

        await using var client = await ImapClient.ConnectAsync(options, None);

        client.IsEncrypted.ShouldBeTrue();
        client.Has("IMAP4rev1").ShouldBeTrue();
        (await client.SelectAsync("INBOX", None)).Exists.ShouldBe(0);
    }

    [Fact]
    public async Task a_certificate_neither_the_system_nor_the_settings_trust_is_refused()
    {
        var options = Options();
        options.TrustedCertificateThumbprint = new string('A', 64);

        var error = await Should.ThrowAsync<ImapException>(() => ImapClient.ConnectAsync(options, None));

        error.Message.ShouldContain("TLS");
    }

    [Fact]
    public async Task plain_text_is_refused_unless_explicitly_allowed()
    {
        var options = Options(ImapSecurity.None);

        (await Should.ThrowAsync<ImapException>(() => ImapClient.ConnectAsync(options, None))).Message.ShouldContain("AllowPlainText");

        options.AllowPlainText = true;
        await using var client = await ImapClient.ConnectAsync(options, None);
        client.IsEncrypted.ShouldBeFalse();
        (await client.SelectAsync("INBOX", None)).Exists.ShouldBe(0);
    }

    [Fact]
    public async Task a_wrong_password_is_a_clear_refusal()
    {
        var options = Options();
        options.Password = "not-the-password";

        var error = await Should.ThrowAsync<ImapException>(() => ImapClient.ConnectAsync(options, None));

        error.Status.ShouldBe("NO");
        error.Message.ShouldContain("AUTHENTICATE");
    }

    [Fact]
    public async Task a_command_the_server_does_not_understand_raises_bad()
    {
        await using var client = await ImapClient.ConnectAsync(Options(), None);
        await client.SelectAsync("INBOX", None);

        var error = await Should.ThrowAsync<ImapException>(() => client.UidSearchAsync("NOSUCHCRITERION 7", None));

        error.Status.ShouldBe("BAD");
    }

    [Fact]
    public async Task sent_folder_is_listed_with_its_special_use()
    {
        await using var client = await ImapClient.ConnectAsync(Options(), None);

        var folders = await client.ListFoldersAsync(None);

        folders.Single(f => f.Name == "Sent").IsSent.ShouldBeTrue();
        folders.Single(f => f.Name == "INBOX").IsSent.ShouldBeFalse();
    }

    [Fact]
    public async Task keywords_are_stored_and_searchable()
    {
        await using var client = await ImapClient.ConnectAsync(Options(), None);
        var first = (await client.AppendAsync("INBOX", ImapTestMessages.Simple("uno"), [], None))!.Value;
        var second = (await client.AppendAsync("INBOX", ImapTestMessages.Simple("due"), [], None))!.Value;
        var inbox = await client.SelectAsync("INBOX", None);

        await client.AddFlagsAsync([first], ["\\Seen", "$TundaImported"], None);

        inbox.CanCreateKeywords.ShouldBeTrue();
        (await client.UidSearchAsync("UNKEYWORD $TundaImported", None)).ShouldBe([second]);
        var flags = (await client.FetchSummariesAsync([first], None)).Single();
        flags.HasFlag("\\Seen").ShouldBeTrue();
        flags.HasFlag("$TundaImported").ShouldBeTrue();
    }

    [Fact]
    public async Task folder_names_with_accents_round_trip_and_messages_move_there()
    {
        await using var client = await ImapClient.ConnectAsync(Options(), None);
        await client.CreateFolderAsync("Già importati", None);
        await client.CreateFolderAsync("Pratiche \"urgenti\" (2026) \\ 100%", None);
        var uid = (await client.AppendAsync("INBOX", ImapTestMessages.Simple("sposta"), [], None))!.Value;
        await client.SelectAsync("INBOX", None);

        await client.MoveAsync([uid], "Già importati", None);

        (await client.ListFoldersAsync(None)).ShouldContain(f => f.Name == "Già importati");
        (await client.ListFoldersAsync(None)).ShouldContain(f => f.Name == "Pratiche \"urgenti\" (2026) \\ 100%");
        (await client.UidSearchAsync("ALL", None)).ShouldBeEmpty();
        (await client.SelectAsync("Già importati", None)).Exists.ShouldBe(1);
    }

    [Fact]
    public async Task a_server_that_stops_answering_times_out()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var options = new ImapOptions
        {
            Host = "127.0.0.1",
            Port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port,
            Security = ImapSecurity.None,
            AllowPlainText = true,
            Timeout = TimeSpan.FromMilliseconds(300),
        };

        var error = await Should.ThrowAsync<ImapException>(() => ImapClient.ConnectAsync(options, None));

        error.Message.ShouldContain("did not complete");
    }

    [Fact]
    public async Task a_server_that_says_bye_and_hangs_up_is_reported_with_its_words()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var options = new ImapOptions
        {
            Host = "127.0.0.1",
            Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port,
            Security = ImapSecurity.None,
            AllowPlainText = true,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var connecting = ImapClient.ConnectAsync(options, None);
        using var socket = await listener.AcceptSocketAsync();
        await socket.SendAsync("* OK ready\r\n* BYE Server shutting down\r\n"u8.ToArray());
        socket.Shutdown(System.Net.Sockets.SocketShutdown.Both);

        var error = await Should.ThrowAsync<ImapException>(() => connecting);

        error.Message.ShouldContain("Server shutting down");
    }

    [Fact]
    public async Task a_preauth_greeting_where_starttls_is_required_is_refused()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var options = Options(ImapSecurity.StartTls);
        options.Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var connecting = ImapClient.ConnectAsync(options, None);
        using var socket = await listener.AcceptSocketAsync();
        await socket.SendAsync("* PREAUTH [CAPABILITY IMAP4rev1] logged in as you\r\n"u8.ToArray());

        var error = await Should.ThrowAsync<ImapException>(() => connecting);

        error.Message.ShouldContain("PREAUTH");
    }
}
