using System.Net.Security;
using MailKit;
using Tunda.Mail;
using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests;

/// <summary>One revocation policy for SMTP and IMAP, checked against chains built on loopback as TLS builds them.</summary>
public sealed class CertificateRevocationTests : IDisposable
{
    private readonly RevocationChains _chains = new();

    [Fact]
    public void smtp_and_imap_have_the_same_default_soft_fail()
    {
        new SmtpOptions().CertificateRevocation.ShouldBe(CertificateRevocation.SoftFail);
        new ImapOptions().CertificateRevocation.ShouldBe(CertificateRevocation.SoftFail);
    }

    [Theory]
    [InlineData(CertificateRevocation.SoftFail, true)]
    [InlineData(CertificateRevocation.Required, true)]
    [InlineData(CertificateRevocation.Off, false)]
    public void both_transports_ask_for_revocation_as_the_option_says(CertificateRevocation policy, bool asked)
    {
        foreach (var client in Clients(policy))
        {
            using (client)
            {
                client.CheckCertificateRevocation.ShouldBe(asked);
            }
        }
    }

    [Fact]
    public void an_unreachable_revocation_list_is_accepted_by_both_transports_under_soft_fail_and_refused_when_required()
    {
        using var chain = _chains.StatusUnknown();
        chain.ChainStatus.ShouldContain(s => s.Status == System.Security.Cryptography.X509Certificates.X509ChainStatusFlags.RevocationStatusUnknown);

        Accepted(CertificateRevocation.SoftFail, chain).ShouldBe([true, true]);
        Accepted(CertificateRevocation.Off, chain).ShouldBe([true, true]);
        Accepted(CertificateRevocation.Required, chain).ShouldBe([false, false]);
    }

    [Fact]
    public async Task a_revoked_certificate_is_refused_by_both_transports_whatever_the_policy_that_checks()
    {
        using var chain = await _chains.ServedAsync(revoked: true);
        chain.ChainStatus.ShouldContain(s => s.Status == System.Security.Cryptography.X509Certificates.X509ChainStatusFlags.Revoked);

        Accepted(CertificateRevocation.SoftFail, chain).ShouldBe([false, false]);
        Accepted(CertificateRevocation.Required, chain).ShouldBe([false, false]);
    }

    [Fact]
    public async Task a_certificate_the_served_list_does_not_name_is_valid()
    {
        using var chain = await _chains.ServedAsync(revoked: false);

        chain.ChainStatus.ShouldBeEmpty();
    }

    [Fact]
    public void an_unknown_status_does_not_excuse_any_other_fault()
    {
        using var chain = _chains.UntrustedAndStatusUnknown();

        Accepted(CertificateRevocation.SoftFail, chain).ShouldBe([false, false]);
        ServerCertificates.Counted(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, _chains.StatusUnknown(), CertificateRevocation.SoftFail)
            .ShouldBe(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors);
    }

    /// <summary>What each transport's certificate check says of a server presenting this chain: SMTP, then IMAP.</summary>
    private static bool[] Accepted(CertificateRevocation policy, System.Security.Cryptography.X509Certificates.X509Chain chain) =>
        [.. Clients(policy).Select(client =>
        {
            using (client)
            {
                return client.ServerCertificateValidationCallback!(client, chain.ChainElements[0].Certificate, chain, SslPolicyErrors.RemoteCertificateChainErrors);
            }
        })];

    private static IMailService[] Clients(CertificateRevocation policy) =>
    [
        new SmtpTransport(new SmtpOptions { Host = "mail.tunda.test", CertificateRevocation = policy }).NewClient(),
        ImapConnector.NewClient(new ImapOptions { Host = "mail.tunda.test", CertificateRevocation = policy }),
    ];

    public void Dispose() => _chains.Dispose();
}
