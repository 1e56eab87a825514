using Tunda.Mail.Imap;

namespace Tunda.Mail.Tests.Imap;

public sealed class ImapFolderNameTests
{
    [Theory]
    [InlineData("INBOX", "INBOX")]
    [InlineData("Tom & Jerry", "Tom &- Jerry")]
    [InlineData("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [InlineData("Già importati", "Gi&AOA- importati")]
    public void names_are_written_in_modified_utf7_and_read_back(string name, string wire)
    {
        ImapFolderName.Encode(name).ShouldBe(wire);
        ImapFolderName.Decode(wire).ShouldBe(name);
    }

    [Fact]
    public void a_malformed_shift_sequence_is_kept_as_sent()
    {
        ImapFolderName.Decode("Posta &!!!- vecchia").ShouldBe("Posta &!!!- vecchia");
    }
}
