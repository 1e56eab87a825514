using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Mail;
using Tunda.Web.Features.Email;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests;

/// <summary>SMTP and IMAP read one revocation policy, with one default, from their own settings.</summary>
public sealed class EmailCertificateRevocationTests
{
    [Fact]
    public async Task smtp_and_imap_settings_both_default_to_soft_fail_and_both_take_a_configured_policy()
    {
        await using (var defaults = await PlatformApp.StartAsync())
        {
            defaults.Services.GetRequiredService<MailOptions>().Smtp.CertificateRevocation.ShouldBe(CertificateRevocation.SoftFail);
        }

        await using var configured = await PlatformApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Tunda:Mail:Smtp:CertificateRevocation"] = "Required",
        });
        configured.Services.GetRequiredService<MailOptions>().Smtp.CertificateRevocation.ShouldBe(CertificateRevocation.Required);

        Mailbox(null).ToClientOptions().CertificateRevocation.ShouldBe(CertificateRevocation.SoftFail);
        Mailbox("Off").ToClientOptions().CertificateRevocation.ShouldBe(CertificateRevocation.Off);
    }

    /// <summary>One mailbox bound from settings as the IMAP intake binds them.</summary>
    private static ImapMailboxOptions Mailbox(string? revocation) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ImapMailboxOptions.Section}:0:Name"] = "support",
            [$"{ImapMailboxOptions.Section}:0:Host"] = "imap.tunda.test",
            [$"{ImapMailboxOptions.Section}:0:Username"] = "support",
            [$"{ImapMailboxOptions.Section}:0:Password"] = "secret",
            [$"{ImapMailboxOptions.Section}:0:CertificateRevocation"] = revocation,
        }).Build().GetSection(ImapMailboxOptions.Section).Get<List<ImapMailboxOptions>>()!.ShouldHaveSingleItem();
}
