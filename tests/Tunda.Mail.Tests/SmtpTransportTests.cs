using Tunda.Mail;

namespace Tunda.Mail.Tests;

public sealed class SmtpTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static SmtpOptions OptionsFor(LoopbackSmtpServer server, SmtpSecurity security = SmtpSecurity.None) => new()
    {
        Host = server.Host,
        Port = server.Port,
        Security = security,
        HeloName = "test.tunda.example",
        Timeout = TimeSpan.FromSeconds(10),
        CertificateValidation = (_, certificate, _, _) => server.IsOwnCertificate(certificate),
    };

    private static OutgoingMessage Message(string text = "Buongiorno,\nla sua richiesta è stata ricevuta.") => ComposedMail.Simple("Richiesta ricevuta", text) with
    {
        Cc = [new MailboxAddress("amministrazione@example.it")],
        MessageId = $"{Guid.NewGuid():N}@tunda.example",
    };

    [Fact]
    public async Task a_message_is_delivered_over_plain_smtp_with_one_rcpt_per_recipient()
    {
        await using var server = new LoopbackSmtpServer();
        var message = Message();

        await new SmtpTransport(OptionsFor(server)).SendAsync(message, CancellationToken.None);

        var received = await server.WaitForMessageAsync(null, Wait);
        received.MailFrom.ShouldBe("noreply@tunda.example");
        received.Recipients.ShouldBe(["mario.rossi@example.it", "amministrazione@example.it"]);
        received.OverTls.ShouldBeFalse();
        var parsed = new ComposedMail(received.Data).Message;
        parsed.MessageId.ShouldBe(message.MessageId);
        parsed.Subject.ShouldBe(message.Subject);
        parsed.From.Mailboxes.Select(m => (m.Name, m.Address)).ShouldBe([("Tunda", "noreply@tunda.example")]);
        parsed.To.Mailboxes.Select(m => (m.Name, m.Address)).ShouldBe([("Mario Rossi", "mario.rossi@example.it")]);
        parsed.Cc.Mailboxes.Select(m => m.Address).ShouldBe(["amministrazione@example.it"]);
        parsed.Headers.Contains("Bcc").ShouldBeFalse();
        parsed.TextBody!.ReplaceLineEndings("\n").ShouldBe(message.TextBody);
    }

    [Fact]
    public async Task a_server_that_does_not_know_ehlo_is_greeted_with_helo()
    {
        await using var server = new LoopbackSmtpServer();
        server.Fail("EHLO", "502 5.5.2 Command not recognized");

        await new SmtpTransport(OptionsFor(server)).SendAsync(Message(), CancellationToken.None);

        (await server.WaitForMessageAsync(null, Wait)).Recipients.Count.ShouldBe(2);
    }

    [Fact]
    public async Task starttls_upgrades_the_connection_before_the_message_is_sent()
    {
        await using var server = new LoopbackSmtpServer(offerStartTls: true);

        await new SmtpTransport(OptionsFor(server, SmtpSecurity.StartTls)).SendAsync(Message(), CancellationToken.None);

        (await server.WaitForMessageAsync(null, Wait)).OverTls.ShouldBeTrue();
    }

    [Fact]
    public async Task implicit_tls_connects_encrypted_from_the_first_byte()
    {
        await using var server = new LoopbackSmtpServer(implicitTls: true);

        await new SmtpTransport(OptionsFor(server, SmtpSecurity.Tls)).SendAsync(Message(), CancellationToken.None);

        (await server.WaitForMessageAsync(null, Wait)).OverTls.ShouldBeTrue();
    }

    [Fact]
    public async Task starttls_required_but_not_offered_fails_instead_of_sending_in_clear()
    {
        await using var server = new LoopbackSmtpServer(offerStartTls: false);

        var error = await Should.ThrowAsync<SmtpException>(() => new SmtpTransport(OptionsFor(server, SmtpSecurity.StartTls)).SendAsync(Message(), CancellationToken.None));

        error.Message.ShouldContain("STARTTLS");
        server.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_untrusted_certificate_is_refused()
    {
        await using var server = new LoopbackSmtpServer(offerStartTls: true);
        var options = OptionsFor(server, SmtpSecurity.StartTls);
        options.CertificateValidation = null;

        await Should.ThrowAsync<SmtpException>(() => new SmtpTransport(options).SendAsync(Message(), CancellationToken.None));
        server.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("PLAIN LOGIN")]
    [InlineData("LOGIN")]
    public async Task credentials_are_sent_with_the_mechanism_the_server_offers(string mechanisms)
    {
        await using var server = new LoopbackSmtpServer(offerStartTls: true, username: "tunda", password: "pàss word:1", authMechanisms: mechanisms);
        var options = OptionsFor(server, SmtpSecurity.StartTls);
        options.Username = "tunda";
        options.Password = "pàss word:1";

        await new SmtpTransport(options).SendAsync(Message(), CancellationToken.None);

        (await server.WaitForMessageAsync(null, Wait)).AuthenticatedAs.ShouldBe("tunda");
    }

    [Fact]
    public async Task wrong_credentials_raise_an_smtp_exception_with_the_servers_reply()
    {
        await using var server = new LoopbackSmtpServer(offerStartTls: true, username: "tunda", password: "giusta");
        var options = OptionsFor(server, SmtpSecurity.StartTls);
        options.Username = "tunda";
        options.Password = "sbagliata";

        var error = await Should.ThrowAsync<SmtpException>(() => new SmtpTransport(options).SendAsync(Message(), CancellationToken.None));

        error.StatusCode.ShouldBe(535);
        error.ServerReply!.ShouldContain("Authentication credentials invalid");
        error.IsTransient.ShouldBeFalse();
    }

    [Theory]
    [InlineData("RCPT", "550 5.1.1 <mario.rossi@example.it>: Recipient address rejected", 550, false)]
    [InlineData("MAIL", "451 4.3.0 Try again later", 451, true)]
    [InlineData("DATA", "554 5.7.1 Message rejected as spam", 554, false)]
    public async Task a_refusal_raises_an_smtp_exception_with_the_reply(string verb, string reply, int code, bool transient)
    {
        await using var server = new LoopbackSmtpServer();
        server.Fail(verb, reply);

        var error = await Should.ThrowAsync<SmtpException>(() => new SmtpTransport(OptionsFor(server)).SendAsync(Message(), CancellationToken.None));

        error.StatusCode.ShouldBe(code);
        error.IsTransient.ShouldBe(transient);
        error.Message.ShouldContain(reply);
        server.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task body_lines_starting_with_a_dot_arrive_intact()
    {
        await using var server = new LoopbackSmtpServer();
        var text = ".\n..due punti\n.config\nfine";

        await new SmtpTransport(OptionsFor(server)).SendAsync(Message(text), CancellationToken.None);

        var received = await server.WaitForMessageAsync(null, Wait);
        new ComposedMail(received.Data).Message.TextBody!.ReplaceLineEndings("\n").ShouldBe(text);
    }

    [Fact]
    public async Task a_server_that_never_answers_times_out()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var options = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port,
            Security = SmtpSecurity.None,
            Timeout = TimeSpan.FromMilliseconds(300),
        };

        await Should.ThrowAsync<TimeoutException>(() => new SmtpTransport(options).SendAsync(Message(), CancellationToken.None));
    }

    [Fact]
    public async Task a_server_that_hangs_up_mid_session_raises_an_smtp_exception()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.WriteAsync("220 localhost ESMTP\r\n"u8.ToArray());
            _ = await stream.ReadAsync(new byte[512]);
        });
        var options = new SmtpOptions { Host = "127.0.0.1", Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port, Security = SmtpSecurity.None, Timeout = Wait };

        var error = await Should.ThrowAsync<SmtpException>(() => new SmtpTransport(options).SendAsync(Message(), CancellationToken.None));

        error.StatusCode.ShouldBe(0);
        await server;
    }

    [Fact]
    public async Task nothing_listening_raises_an_smtp_exception()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var error = await Should.ThrowAsync<SmtpException>(() => new SmtpTransport(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None }).SendAsync(Message(), CancellationToken.None));
        error.Message.ShouldContain($"127.0.0.1:{port}");
    }
}
