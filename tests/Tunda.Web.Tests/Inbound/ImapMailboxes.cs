using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using Tunda.Mail.Imap;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>A message as the server keeps it: its size and its flags and keywords ("\Seen", "$TundaImported").</summary>
internal sealed record ServerMessage(long Size, IReadOnlySet<string> Flags)
{
    public bool HasFlag(string flag) => Flags.Contains(flag);
}

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

    /// <summary>Lists <paramref name="mailbox"/> in the app's settings at <paramref name="index"/>, as an operator would.</summary>
    public static void Configure(IWebHostBuilder builder, int index, ImapMailboxOptions mailbox)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Name"] = mailbox.Name,
            ["Host"] = mailbox.Host,
            ["Port"] = mailbox.Port.ToString(CultureInfo.InvariantCulture),
            ["Security"] = mailbox.Security.ToString(),
            ["Username"] = mailbox.Username,
            ["Password"] = mailbox.Password,
            ["Folder"] = mailbox.Folder,
            ["ProcessedFolder"] = mailbox.ProcessedFolder,
            ["PollInterval"] = mailbox.PollInterval.ToString("c", CultureInfo.InvariantCulture),
            ["IdleRefresh"] = mailbox.IdleRefresh.ToString("c", CultureInfo.InvariantCulture),
            ["Timeout"] = mailbox.Timeout.ToString("c", CultureInfo.InvariantCulture),
            ["TrustedCertificateThumbprint"] = mailbox.TrustedCertificateThumbprint,
            ["TrustedCertificateFile"] = mailbox.TrustedCertificateFile,
        };
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(string.Create(CultureInfo.InvariantCulture, $"{ImapMailboxOptions.Section}:{index}:{key}"), value);
        }
    }

    public static Task<ImapClient> ConnectAsync(ImapMailboxOptions mailbox) => ImapConnector.ConnectAsync(mailbox.ToClientOptions(), None);

    public static async Task DeliverAsync(ImapMailboxOptions mailbox, string folder, params byte[][] messages)
    {
        using var client = await ConnectAsync(mailbox);
        var target = await client.GetFolderAsync(folder, None);
        foreach (var message in messages)
        {
            await target.AppendAsync(new AppendRequest(MimeMessage.Load(new MemoryStream(message))), None);
        }
    }

    public static async Task CreateFolderAsync(ImapMailboxOptions mailbox, string folder)
    {
        using var client = await ConnectAsync(mailbox);
        await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folder, isMessageFolder: true, None);
    }

    public static async Task DeleteFolderAsync(ImapMailboxOptions mailbox, string folder)
    {
        using var client = await ConnectAsync(mailbox);
        await (await client.GetFolderAsync(folder, None)).DeleteAsync(None);
    }

    /// <summary>Each message left in the folder, with its flags.</summary>
    public static async Task<IReadOnlyList<ServerMessage>> MessagesAsync(ImapMailboxOptions mailbox, string folder)
    {
        using var client = await ConnectAsync(mailbox);
        var opened = await client.GetFolderAsync(folder, None);
        await opened.OpenAsync(FolderAccess.ReadOnly, None);
        if (opened.Count == 0)
        {
            return [];
        }

        var summaries = await opened.FetchAsync(0, -1, MessageSummaryItems.Size | MessageSummaryItems.Flags, None);
        return [.. summaries.Select(s => new ServerMessage(s.Size!.Value, SystemFlags(s.Flags!.Value).Concat(s.Keywords).ToHashSet()))];
    }

    private static IEnumerable<string> SystemFlags(MessageFlags flags) =>
        Enum.GetValues<MessageFlags>().Where(f => f is not (MessageFlags.None or MessageFlags.UserDefined) && flags.HasFlag(f)).Select(f => "\\" + f);

    public static byte[] Mail(string messageId, string subject = "Sito non raggiungibile") =>
        SampleMail.Personal(messageId: $"{messageId}@example.it", subject: subject);

    public static byte[] Large(string messageId, int bytes) =>
        [.. Mail(messageId, "Allegato enorme"), .. Encoding.ASCII.GetBytes(new string('x', bytes) + "\r\n")];
}
