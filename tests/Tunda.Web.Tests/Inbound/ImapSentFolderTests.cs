using Microsoft.Extensions.DependencyInjection;
using MailKit;
using Tunda.Web.Features.Inbound;

namespace Tunda.Web.Tests.Inbound;

/// <summary>Dovecot with a Sent folder that carries no \Sent attribute, like a server without SPECIAL-USE.</summary>
public sealed class UnmarkedSentDovecotServer() : DovecotServer("", markSent: false);

public sealed class ImapSentFolderTests(UnmarkedSentDovecotServer dovecot) : IClassFixture<UnmarkedSentDovecotServer>
{
    [Theory]
    [InlineData("Sent")]
    [InlineData("Posta inviata")]
    public async Task a_folder_named_like_sent_mail_is_refused_when_the_server_marks_none(string folder)
    {
        await using var app = await InboundApp.StartAsync();
        var mailbox = new ImapMailboxes(dovecot).NewMailbox(folder: folder);
        if (folder != "Sent")
        {
            await ImapMailboxes.CreateFolderAsync(mailbox, folder);
        }

        using (var client = await ImapMailboxes.ConnectAsync(mailbox))
        {
            (await client.GetFoldersAsync(client.PersonalNamespaces[0])).ShouldNotContain(f => f.Attributes.HasFlag(FolderAttributes.Sent));
        }

        await ImapMailboxes.DeliverAsync(mailbox, folder, ImapMailboxes.Mail("inviato"));
        var poller = ActivatorUtilities.CreateInstance<ImapPoller>(app.Services);
        await app.Services.GetRequiredService<ImapCheckpoints>().MigrateAsync(CancellationToken.None);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => poller.PollOnceAsync(mailbox, CancellationToken.None));

        error.Message.ShouldContain("Sent folder");
        (await app.RowsAsync()).ShouldBeEmpty();
    }
}
