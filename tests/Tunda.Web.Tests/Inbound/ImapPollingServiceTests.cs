using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tunda.Mail.Imap;
using Tunda.Web.Configuration;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>The app itself polls the mailboxes listed under Tunda:Inbound:Imap.</summary>
public sealed class ImapPollingServiceTests(DovecotServer dovecot) : IClassFixture<DovecotServer>
{
    [Fact]
    public async Task a_configured_mailbox_is_polled_by_the_app_without_being_asked_even_when_another_fails()
    {
        var mailbox = new ImapMailboxes(dovecot).NewMailbox(processedFolder: "Importati");
        await ImapMailboxes.DeliverAsync(mailbox, "INBOX", ImapMailboxes.Mail("da-solo"));
        mailbox.Security = ImapSecurity.StartTls;
        mailbox.Port = dovecot.ImapPort;
        mailbox.PollInterval = TimeSpan.FromSeconds(1);
        mailbox.TrustedCertificateThumbprint = null;
        mailbox.TrustedCertificateFile = dovecot.CertificateFile;

        // A second mailbox whose password is wrong: its polls fail and are logged, the first one's go on.
        var broken = new ImapMailboxes(dovecot).NewMailbox();
        broken.Name = "rotta";
        broken.Username = "nessuno";
        broken.Password = "sbagliata";
        broken.PollInterval = TimeSpan.FromSeconds(1);
        await using var app = await TundaApp.StartAsync(builder =>
        {
            ImapMailboxes.Configure(builder, 0, mailbox);
            ImapMailboxes.Configure(builder, 1, broken);
        });
        await app.Get<InboundStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(30));

        await TestMessages.EventuallyAsync(
            async () => (await InboundRows.ReadAsync(app.Schema)).Any(r => r.MessageId == "da-solo@example.it" && r.Channel == "imap"),
            "the poller stores the delivered message");
        await TestMessages.EventuallyAsync(
            async () => (await ImapMailboxes.MessagesAsync(mailbox, "INBOX")).Count == 0,
            "the poller moves it out of INBOX");
        (await ImapMailboxes.MessagesAsync(mailbox, "Importati")).Count.ShouldBe(1);
        await TestMessages.EventuallyAsync(
            async () => (await InboundRows.ReadAsync(app.Schema)).All(r => r.Status != "queued"),
            "the app processes what it imported");

        // /health names the failing mailbox (not its password) and the working one's imports.
        using var client = app.HealthClient();
        var health = await client.GetFromJsonAsync<JsonElement>(new Uri("/health", UriKind.Relative));
        health.GetProperty("status").GetString().ShouldBe("degraded");
        var mailboxes = health.GetProperty("imapMailboxes").EnumerateArray().ToDictionary(m => m.GetProperty("mailbox").GetString()!);
        mailboxes[mailbox.Name].GetProperty("imported").GetInt32().ShouldBe(1);
        mailboxes[mailbox.Name].GetProperty("lastError").ValueKind.ShouldBe(JsonValueKind.Null);
        mailboxes["rotta"].GetProperty("lastError").GetString().ShouldNotBeNullOrEmpty();
        mailboxes["rotta"].GetProperty("lastSuccess").ValueKind.ShouldBe(JsonValueKind.Null);
        health.GetRawText().ShouldNotContain("sbagliata");
    }

    [Fact]
    public void without_configured_mailboxes_nothing_polls()
    {
        var services = new ServiceCollection().AddTundaImapIntake(Configuration([]));

        services.ShouldNotContain(d => d.ServiceType == typeof(IHostedService));
    }

    [Theory]
    [InlineData("Password", "", "Password")]
    [InlineData("Security", "None", "Security None")]
    [InlineData("Folder", "", "Folder")]
    [InlineData("IdleRefresh", "00:30:00", "IdleRefresh")]
    public void a_mailbox_that_cannot_work_stops_the_app_at_startup(string key, string value, string complaint)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Name"] = "supporto", ["Host"] = "imap.example.it", ["Username"] = "supporto@example.it", ["Password"] = "segreta",
            [key] = value,
        };

        var error = Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddTundaImapIntake(Configuration(settings)));

        error.Message.ShouldContain(complaint);
        error.Message.ShouldNotContain("segreta");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> mailbox) => new ConfigurationBuilder()
        .AddInMemoryCollection(mailbox.ToDictionary(kv => $"{ImapMailboxOptions.Section}:0:{kv.Key}", kv => kv.Value))
        .Build();
}
