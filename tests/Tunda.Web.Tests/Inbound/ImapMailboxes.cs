using System.Text;
using Tunda.Mail.Imap;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>A fresh dovecot account per test, the poller's settings for it, and a client to deliver and inspect mail.</summary>
internal sealed class ImapMailboxes(DovecotServer dovecot)
{
    private static readonly CancellationToken None = CancellationToken.None;

    public ImapMailboxOptions NewMailbox(string folder = "INBOX", string? processedFolder = null)
    {
        var (username, password) = dovecot.CreateUser();
        return new ImapMailboxOptions
        {
            Name = $"supporto-{username}",
            Host = dovecot.Host,
            Port = dovecot.ImapsPort,
            Security = ImapSecurity.Tls,
            Username = username,
            Password = password,
            Folder = folder,
            ProcessedFolder = processedFolder,
            MaxMessageBytes = 20_000,
            Timeout = TimeSpan.FromSeconds(10),
            TrustedCertificateThumbprint = dovecot.CertificateThumbprint,
        };
    }

    public static Task<ImapClient> ConnectAsync(ImapMailboxOptions mailbox) => ImapClient.ConnectAsync(mailbox.ToClientOptions(), None);

    public static async Task DeliverAsync(ImapMailboxOptions mailbox, string folder, params byte[][] messages)
    {
        await using var client = await ConnectAsync(mailbox);
        foreach (var message in messages)
        {
            await client.AppendAsync(folder, message, [], None);
        }
    }

    /// <summary>Each message left in the folder, with its flags.</summary>
    public static async Task<IReadOnlyList<ImapMessageSummary>> MessagesAsync(ImapMailboxOptions mailbox, string folder)
    {
        await using var client = await ConnectAsync(mailbox);
        await client.SelectAsync(folder, None);
        return await client.FetchSummariesAsync([.. await client.UidSearchAsync("ALL", None)], None);
    }

    public static byte[] Mail(string messageId, string subject = "Sito non raggiungibile") =>
        SampleMail.Personal(messageId: $"{messageId}@example.it", subject: subject);

    public static byte[] Large(string messageId, int bytes) =>
        [.. Mail(messageId, "Allegato enorme"), .. Encoding.ASCII.GetBytes(new string('x', bytes) + "\r\n")];
}
