using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests.Imap;

/// <summary>Dovecot advertising only IMAP4rev1: no MOVE, UIDPLUS, LITERAL+ or SASL-IR, like an older server.</summary>
public sealed class MinimalDovecotServer() : DovecotServer("imap_capability = IMAP4rev1");

public sealed class MinimalImapServerTests(MinimalDovecotServer server) : IClassFixture<MinimalDovecotServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ImapOptions Options()
    {
        var (username, password) = server.CreateUser();
        return new ImapOptions
        {
            Host = server.Host,
            Port = server.ImapsPort,
            Username = username,
            Password = password,
            Timeout = TimeSpan.FromSeconds(10),
            TrustedCertificateThumbprint = server.CertificateThumbprint,
        };
    }

    [Fact]
    public async Task the_sent_folder_keeps_its_special_use_in_a_plain_list()
    {
        await using var client = await ImapClient.ConnectAsync(Options(), None);

        var folders = await client.ListFoldersAsync(None);

        client.Has("LIST-EXTENDED").ShouldBeFalse();
        folders.Single(f => f.Name == "Sent").IsSent.ShouldBeTrue();
    }

    [Fact]
    public async Task without_move_a_message_is_copied_flagged_deleted_and_expunged()
    {
        await using var client = await ImapClient.ConnectAsync(Options(), None);
        await client.CreateFolderAsync("Importati", None);
        var message = ImapTestMessages.Tricky("senza MOVE");
        await client.AppendAsync("INBOX", message, [], None);
        await client.AppendAsync("INBOX", ImapTestMessages.Simple("resta"), [], None);
        await client.SelectAsync("INBOX", None);
        var first = (await client.UidSearchAsync("ALL", None))[0];

        await client.MoveAsync([first], "Importati", None);

        client.Has("MOVE").ShouldBeFalse();
        client.Has("LITERAL+").ShouldBeFalse();
        client.Has("UIDPLUS").ShouldBeFalse();
        (await client.UidSearchAsync("ALL", None)).ShouldNotContain(first);
        (await client.UidSearchAsync("ALL", None)).Count.ShouldBe(1);
        await client.SelectAsync("Importati", None);
        var moved = (await client.UidSearchAsync("ALL", None)).Single();
        (await client.FetchMessageAsync(moved, None)).ShouldBe(message);
    }
}
