using MailKit;
using MailKit.Net.Imap;
using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests.Imap;

public sealed class ImapFoldersTests(DovecotServer server) : IClassFixture<DovecotServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task the_inbox_is_found_in_any_case_and_a_missing_folder_is_named()
    {
        using var client = await ImapConnector.ConnectAsync(ImapTestMailbox.Options(server), None);
        var folders = await ImapFolders.ListAsync(client, None);

        folders.Incoming("inbox").FullName.ShouldBe("INBOX");
        Should.Throw<FolderNotFoundException>(() => folders.Incoming("Supporto")).Message.ShouldContain("Supporto");
    }

    [Fact]
    public async Task the_sent_folder_is_refused_as_incoming()
    {
        using var client = await ImapConnector.ConnectAsync(ImapTestMailbox.Options(server), None);

        var folders = await ImapFolders.ListAsync(client, None);

        Should.Throw<InvalidOperationException>(() => folders.Incoming("Sent")).Message.ShouldContain("\\Sent");
    }

    [Theory]
    [InlineData("Già importati")]
    [InlineData("Pratiche \"urgenti\" (2026) \\ 100% & più")]
    [InlineData("Archivio.2026.Dicembre")]
    public async Task a_processed_folder_is_created_once_with_its_exact_name_and_parents(string requested)
    {
        var options = ImapTestMailbox.Options(server);
        using var client = await ImapConnector.ConnectAsync(options, None);
        var path = requested.Replace('.', client.PersonalNamespaces[0].DirectorySeparator);

        var created = await (await ImapFolders.ListAsync(client, None)).GetOrCreateAsync(path, None);
        var again = await (await ImapFolders.ListAsync(client, None)).GetOrCreateAsync(path, None);

        created.FullName.ShouldBe(path);
        again.FullName.ShouldBe(path);
        using var other = await ImapConnector.ConnectAsync(options, None);
        (await ImapFolders.ListAsync(other, None)).All.Select(f => f.FullName).ShouldContain(path);
        await (await other.GetFolderAsync(path)).OpenAsync(FolderAccess.ReadOnly);
    }
}

public sealed class ImapMinimalServerTests(MinimalDovecotServer server) : IClassFixture<MinimalDovecotServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task without_list_extended_the_sent_folder_is_still_recognised_and_refused()
    {
        using var client = await ImapConnector.ConnectAsync(ImapTestMailbox.Options(server), None);

        var folders = await ImapFolders.ListAsync(client, None);

        client.Capabilities.HasFlag(ImapCapabilities.ListExtended).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => folders.Incoming("Sent")).Message.ShouldContain("\\Sent");
    }

    [Fact]
    public async Task a_server_without_idle_is_not_watched()
    {
        using var client = await ImapConnector.ConnectAsync(ImapTestMailbox.Options(server), None);

        ImapNewMailWatch.IsSupported(client).ShouldBeFalse();
        Should.Throw<NotSupportedException>(() => new ImapNewMailWatch(client, client.Inbox));
    }
}

/// <summary>Dovecot with the personal namespace under "INBOX.", as Cyrus and Courier lay folders out.</summary>
public sealed class InboxPrefixDovecotServer() : DovecotServer("", namespaceSettings: "prefix = INBOX.\nseparator = .");

public sealed class ImapInboxPrefixTests(InboxPrefixDovecotServer server) : IClassFixture<InboxPrefixDovecotServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task inbox_is_found_sent_is_refused_and_folders_are_created_below_inbox()
    {
        using var client = await ImapConnector.ConnectAsync(ImapTestMailbox.Options(server), None);

        var folders = await ImapFolders.ListAsync(client, None);
        var processed = await folders.GetOrCreateAsync("INBOX.Importati", None);

        client.PersonalNamespaces[0].Path.ShouldBe("INBOX");
        folders.Incoming("INBOX").FullName.ShouldBe("INBOX");
        Should.Throw<InvalidOperationException>(() => folders.Incoming("INBOX.Sent"));
        processed.FullName.ShouldBe("INBOX.Importati");
        (await ImapFolders.ListAsync(client, None)).Incoming("INBOX.Importati").ShouldNotBeNull();
    }
}
