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
