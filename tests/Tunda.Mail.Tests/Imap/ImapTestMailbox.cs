using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests.Imap;

/// <summary>A fresh dovecot account per test and what the tests do to it from a second connection.</summary>
internal static class ImapTestMailbox
{
    public static ImapOptions Options(DovecotServer server, ImapSecurity security = ImapSecurity.Tls)
    {
        var (username, password) = server.CreateUser();
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

    public static async Task AppendAsync(ImapClient client, string folder, byte[] message)
    {
        var target = await client.GetFolderAsync(folder);
        await target.AppendAsync(new AppendRequest(MimeMessage.Load(new MemoryStream(message))));
    }

    public static async Task AppendAsync(ImapOptions options, string folder, byte[] message)
    {
        using var client = await ImapConnector.ConnectAsync(options, CancellationToken.None);
        await AppendAsync(client, folder, message);
        await client.DisconnectAsync(true);
    }

    public static byte[] Bytes(Stream stream)
    {
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
